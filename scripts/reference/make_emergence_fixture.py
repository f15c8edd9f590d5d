"""Reference numbers for `elusive emergence` (Wu & Lo 2024, U-shaped and inverted-U scaling).

Re-implements, step by step, the paper's public code (tony10101105/ExpEmergence):
  * fit_cluster.py / fit_cluster_robustness_*.py: Slice-and-Sandwich and the sigmoid baseline,
    with statsmodels OLS (pinv) exactly as there, on ../shared/data/scaling/ushaped/*_3_redist.csv;
  * evaluation/*/<dataset>_question_grouping{,_acc}.py: difficulty groups, on a small synthetic
    scores table written here (the paper's raw per-question outputs are not public).

Writes src/test/resources/emergence/{forecast_expected.csv, forecast_summary_expected.csv,
scores_small.csv, groups_*_expected.csv}. Run: /work/venv/bin/python scripts/reference/make_emergence_fixture.py
(ELUSIVE_SHARED=/path/to/shared where ../shared is not the shared data directory)
"""
import math
import os
import sys

import numpy as np
import pandas as pd
import statsmodels.api as sm
import statsmodels.formula.api as smf

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.environ.get('ELUSIVE_SHARED', os.path.join(os.path.dirname(ROOT), 'shared')),
                      'data', 'scaling', 'ushaped')
OUT = os.path.join(ROOT, 'src', 'test', 'resources', 'emergence')

# utils.py of the paper
RANDOM_GUESS = {'mmlu': 0.25, 'parsinlu_qa_mc': 0.25, 'arithmetic': 0.145, 'hindu_knowledge': 0.25,
                'analogical_similarity': 0.145, 'conceptual_combinations': 0.25, 'hellaswag': 0.25,
                'arc': 0.25, 'abstract_narrative_understanding': 0.1}
THRESHOLDS = {'mmlu': [1.5, 1.3, 1.1], 'parsinlu_qa_mc': [2.3, 2.1, 1.9], 'arithmetic': [1.8, 1.6, 1.4],
              'hindu_knowledge': [1], 'analogical_similarity': [2], 'conceptual_combinations': [1.5],
              'hellaswag': [2.3], 'arc': [2.3], 'abstract_narrative_understanding': [2.3]}
FILTERED = ['microsoft/phi-1_5', 'microsoft/phi-2', 'Qwen/Qwen1.5-0.5B', 'Qwen/Qwen1.5-1.8B',
            'Qwen/Qwen1.5-4B', 'stabilityai/stablelm-2-1_6b']  # utils.model_filter (current: six models)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def inverse_sigmoid(y, esp=1e-6):
    y = np.maximum(y, 0.0)
    y = np.minimum(y, 1.0)
    return np.log((y + esp) / (1 - y + esp))


def poly_formula(degree):
    terms = ['Q("FLOPs")'] + [f'Q("FLOPs{k}")' for k in range(2, degree + 1)]
    return 'Q(cluster) ~ ' + ' + '.join(terms)


def forecast(csv_file, threshold_log, random_guess_acc, easy_degree=5, hard_degree=2,
             use_hard_lift=False, clip_scaling_law=False, calibrate=True):
    """fit_cluster.py without the plots; easy/hard = first/last `_brier` group column."""
    threshold = 10 ** threshold_log
    df = pd.read_csv(csv_file)
    groups = sorted([c for c in df.columns if c.endswith('_brier') and c != 'brier'],
                    key=lambda c: int(c.split('_')[0]))
    clusters = [groups[0], groups[-1]]
    df.rename(columns={'FLOPs (1E21)': 'FLOPs'}, inplace=True)
    df = df.sort_values(by='FLOPs')
    df = df[~df['Model'].isin(FILTERED)]
    fitting_split = df['FLOPs'] < threshold
    testing_split = df['FLOPs'] >= threshold
    df = df.dropna(subset=['acc'])
    for cluster in clusters:
        df = df.dropna(subset=[cluster])
        df[cluster] = df[cluster].apply(lambda x: float(x) * (-1))
    df = df.dropna(subset=['FLOPs'])
    df['brier'] = df['brier'].apply(lambda x: float(x) * (-1))
    df['FLOPs'] = df['FLOPs'].apply(lambda x: np.log10(float(x)))

    fit_df = df[df['FLOPs'] < np.log10(threshold)]
    acc2brier = sm.OLS(fit_df['brier'], sm.add_constant(fit_df['acc'])).fit()

    for k in range(2, max(easy_degree, hard_degree) + 1):
        df[f'FLOPs{k}'] = df['FLOPs'] ** k
    fit_df = df[df['FLOPs'] < np.log10(threshold)]
    for i, cluster in enumerate(clusters):
        model = smf.ols(poly_formula(easy_degree if i == 0 else hard_degree), data=fit_df).fit()
        df[f'{cluster}_pred'] = model.predict(df)

    if use_hard_lift:
        fit_brier_avg = df['brier'][fitting_split].mean()
        our_brier_avg = df[f'{clusters[1]}_pred'][fitting_split].mean()
        df['brier_pred'] = df[f'{clusters[1]}_pred'].apply(lambda x: x + fit_brier_avg - our_brier_avg)
    else:
        df['brier_pred'] = (df[f'{clusters[0]}_pred'] + df[f'{clusters[1]}_pred']) / 2

    intercept, slope = acc2brier.params.iloc[0], acc2brier.params.iloc[1]
    df['acc_pred'] = df['brier_pred'].apply(lambda x: (x - intercept) / slope)
    if calibrate:
        fit_acc_avg = df['acc'][fitting_split].mean()
        our_acc_avg = df['acc_pred'][fitting_split].mean()
        df['acc_pred'] = df['acc_pred'].apply(lambda x: x + fit_acc_avg - our_acc_avg)
    if clip_scaling_law:
        df['acc_pred'] = df['acc_pred'].apply(lambda x: x if x < 1 else 1)

    df['logit_acc'] = df['acc'].apply(lambda x: inverse_sigmoid(x - random_guess_acc))
    fit_df = df[df['FLOPs'] < np.log10(threshold)]
    base = smf.ols('logit_acc ~ FLOPs', data=fit_df).fit()
    a, b = base.params['FLOPs'], base.params['Intercept']
    df['acc_base_pred'] = df['FLOPs'].apply(lambda x: sigmoid(a * x + b) + random_guess_acc)

    test = testing_split.reindex(df.index)
    train = fitting_split.reindex(df.index)
    ours = np.mean((df['acc'][test] - df['acc_pred'][test]) ** 2)
    baseline = np.mean((df['acc'][test] - df['acc_base_pred'][test]) ** 2)
    return df, int(train.sum()), int(test.sum()), ours, baseline


VARIANTS = {  # name -> (kwargs, datasets it runs on)
    'default': ({}, None),
    'hard_lift': ({'use_hard_lift': True}, {'mmlu', 'arithmetic'}),
    'clip': ({'clip_scaling_law': True}, {'mmlu', 'arithmetic'}),
    'e3h4': ({'easy_degree': 3, 'hard_degree': 4}, {'mmlu', 'arithmetic'}),
    'e7h6': ({'easy_degree': 7, 'hard_degree': 6}, {'mmlu', 'arithmetic'}),
    'no_calibration': ({'calibrate': False}, {'mmlu', 'arithmetic'}),
}


def forecast_fixture():
    rows, summary = [], []
    for dataset, thresholds in THRESHOLDS.items():
        for t in thresholds:
            name = f'{dataset}_instance_brier_-1000_{10 ** t}_3_redist.csv'
            path = os.path.join(SHARED, dataset, name)
            for variant, (kwargs, only) in VARIANTS.items():
                if only is not None and (dataset not in only or t != thresholds[0]):
                    continue
                df, n_train, n_test, ours, base = forecast(path, t, RANDOM_GUESS[dataset], **kwargs)
                for _, r in df.iterrows():
                    rows.append({'dataset': dataset, 'file': name, 'threshold': t, 'variant': variant,
                                 'model': r['Model'], 'acc_pred': r['acc_pred'],
                                 'acc_base_pred': r['acc_base_pred'], 'brier_pred': r['brier_pred']})
                summary.append({'dataset': dataset, 'file': name, 'threshold': t, 'variant': variant,
                                'random_guess': RANDOM_GUESS[dataset], 'train_models': n_train,
                                'test_models': n_test, 'mse_slice_and_sandwich': ours,
                                'mse_sigmoid_baseline': base})
                print(f'{dataset:34s} T={t:<4} {variant:15s} train={n_train:3d} test={n_test:3d} '
                      f'ours={ours:.3e} baseline={base:.3e}')
    pd.DataFrame(rows).to_csv(os.path.join(OUT, 'forecast_expected.csv'), index=False, float_format='%.17g')
    pd.DataFrame(summary).to_csv(os.path.join(OUT, 'forecast_summary_expected.csv'), index=False,
                                 float_format='%.17g')


# ---------------------------------------------------------------- grouping

def synthetic_scores(tasks, n_docs, seed):
    """A docs/design.md §3.2 scores table: 9 models of growing compute; duplicated docs force ties."""
    rng = np.random.default_rng(seed)
    models = [('fam', f'org/m{i}', 'main', int(10 ** (7 + i / 2)), 2e10 * (1 + i)) for i in range(8)]
    models.append(('fam', 'microsoft/phi-2', 'main', 2_700_000_000, 1.4e11))  # below T, but excluded from difficulty
    rows = []
    for family, model, revision, params, tokens in models:
        skill = math.log10(6 * params * tokens) - 20
        for task in tasks:
            base = rng.normal(size=(n_docs, 4))
            for doc in range(n_docs):
                src = doc - 3 if doc % 7 == 6 else doc  # every 7th doc repeats an earlier one: ties
                gold = src % 4
                ll = base[src].copy() - 2.0
                ll[gold] += 0.6 * skill * (1 if src % 3 else -0.5)
                ll = np.round(ll, 6)
                p = np.exp(ll - ll.max()); p /= p.sum()
                k = len(ll)
                rows.append({'family': family, 'model': model, 'revision': revision, 'params': params,
                             'tokens': tokens, 'compute': 6.0 * params * tokens, 'task': task,
                             'doc_id': doc, 'n_choices': k, 'gold_index': gold,
                             'log_p_vocab_correct': ll[gold], 'p_vocab_correct': math.exp(ll[gold]),
                             'p_vocab_choices': float(np.exp(ll).sum()),
                             'p_vocab_incorrect': float(np.exp(ll).sum() - math.exp(ll[gold])),
                             'p_choices_correct': p[gold],
                             'brier': float(np.mean((p - np.eye(k)[gold]) ** 2)),
                             'tc_brier': (p[gold] - 1) ** 2,
                             'acc': int(int(np.argmax(ll)) == gold), 'acc_norm': int(int(np.argmax(ll)) == gold),
                             'greedy_correct': False})
    return pd.DataFrame(rows)


def paper_grouping(scores, threshold_log, group_num, by_acc, removed, redist=True, eval_data=None):
    """<dataset>_question_grouping(_acc).py on a scores table instead of lm-eval sample files.

    eval_data: the metadata table whose 'FLOPs (1E21)' the paper's threshold reads (first row per
    Model, .iloc[0]); a NaN there is not > uplimit, so the model counts. None: the scores' compute."""
    uplimit = 10 ** threshold_log
    tasks = sorted(scores['task'].unique())
    multi = len(tasks) > 1
    all_scores, all_sanities, all_accs, all_acc_mean, all_brier_mean, meta = {}, {}, {}, {}, {}, {}
    for model, g in scores.groupby('model', sort=False):
        items_b, items_s, items_a = [], [], []
        for r in g.itertuples():
            # redist: softmax over the choices (the tc_brier of docs/design.md §3.2); undist: raw exp(ll) of the gold choice
            items_b.append((r.task, r.doc_id, r.tc_brier if redist else (r.p_vocab_correct - 1) ** 2))
            items_s.append((r.task, r.doc_id, r.p_vocab_choices))
            items_a.append((r.task, r.doc_id, bool(r.acc)))
        key = (lambda x: x[0] + str(x[1])) if multi else (lambda x: x[1])
        all_scores[model] = sorted(items_b, key=key)
        all_sanities[model] = sorted(items_s, key=key)
        all_accs[model] = sorted(items_a, key=key)
        all_acc_mean[model] = sum(a for _, _, a in items_a) / len(items_a)
        all_brier_mean[model] = sum(b for _, _, b in items_b) / len(items_b)
        meta[model] = g.iloc[0]
    source = all_accs if by_acc else all_scores
    n_q = len(next(iter(source.values())))
    ques = []
    for i in range(n_q):
        value = []
        for model, sub in source.items():
            if eval_data is None:
                size = meta[model]['compute'] / 1e21
            else:
                size = eval_data.loc[eval_data['Model'] == model, 'FLOPs (1E21)'].iloc[0]
            if size > uplimit or model in removed:
                continue
            key = list(sub[i][:2])
            value.append(sub[i][-1])
        ques.append(key + [sum(value) / len(value)])
    ques = sorted(ques, key=lambda x: x[2])
    idx = np.linspace(0, n_q, group_num + 1)
    idx = [[int(math.floor(idx[i])), int(math.floor(idx[i + 1]))] for i in range(len(idx) - 1)]
    out = []
    for model in source:
        m = meta[model]
        row = {'Model': model, 'Model Family': m['family'], 'Model Size (B)': m['params'] / 1e9,
               'Pretraining Data Size (T)': m['tokens'] / 1e12, 'FLOPs (1E21)': m['compute'] / 1e21}
        lookup = {(t, d): v for t, d, v in source[model]}
        san = {(t, d): v for t, d, v in all_sanities[model]}
        for a, b in idx:
            vals = [lookup[(q[0], q[1])] for q in ques[a:b]]
            row[f'{a}_{b}_{"acc" if by_acc else "brier"}'] = sum(vals) / len(vals)
            sans = [san[(q[0], q[1])] for q in ques[a:b]]
            row[f'{a}_{b}_san'] = sum(sans) / len(sans)
        row['acc'] = all_acc_mean[model]
        row['brier'] = all_brier_mean[model]
        row['san'] = sum(v for _, _, v in all_sanities[model]) / n_q
        out.append(row)
    return pd.DataFrame(out)


def groups_fixture():
    removed = {'microsoft/phi-2'}
    multi = synthetic_scores(['task_a', 'task_b'], 24, seed=7)
    multi.to_csv(os.path.join(OUT, 'scores_small.csv'), index=False, float_format='%.17g')
    single = synthetic_scores(['single'], 23, seed=11)
    single.to_csv(os.path.join(OUT, 'scores_single.csv'), index=False, float_format='%.17g')
    for name, table in (('small', multi), ('single', single)):
        for by_acc in (False, True):
            g = paper_grouping(table, 1.0, 3 if name == 'small' else 4, by_acc, removed)
            g.to_csv(os.path.join(OUT, f'groups_{name}{"_acc" if by_acc else ""}_expected.csv'),
                     index=False, float_format='%.17g')
    paper_grouping(multi, 1.0, 3, False, removed, redist=False).to_csv(
        os.path.join(OUT, 'groups_small_undist_expected.csv'), index=False, float_format='%.17g')


def metadata_groups_fixture():
    """--metadata: the threshold reads the metadata's FLOPs (org/m6 above it there, org/m7 empty)."""
    multi = pd.read_csv(os.path.join(OUT, 'scores_small.csv'))
    models = multi.groupby('model', sort=False)['compute'].first() / 1e21
    meta = pd.DataFrame({'Model': models.index, 'FLOPs (1E21)': models.values})
    meta.loc[meta['Model'] == 'org/m6', 'FLOPs (1E21)'] = 50.0   # compute 8.4 <= 10: a judge without metadata
    meta.loc[meta['Model'] == 'org/m7', 'FLOPs (1E21)'] = np.nan  # compute 30 > 10: a judge through the NaN
    meta.to_csv(os.path.join(OUT, 'metadata_small.csv'), index=False, float_format='%.17g')
    paper_grouping(multi, 1.0, 3, False, {'microsoft/phi-2'}, eval_data=meta).to_csv(
        os.path.join(OUT, 'groups_small_metadata_expected.csv'), index=False, float_format='%.17g')


def tiny_forecast_fixture():
    """A 20-model table in the paper's CSV shape, with a missing acc and an excluded model."""
    rng = np.random.default_rng(3)
    x = np.linspace(-1.0, 2.6, 20)
    easy = 0.45 + 0.05 * x - 0.06 * x ** 2 + 0.02 * x ** 3 + rng.normal(0, 0.01, x.size)
    hard = 0.70 - 0.08 * x + 0.03 * x ** 2 + rng.normal(0, 0.01, x.size)
    mid = (easy + hard) / 2 + rng.normal(0, 0.01, x.size)
    brier = (easy + mid + hard) / 3
    acc = np.clip(0.25 + (0.58 - brier) * 1.5 + rng.normal(0, 0.01, x.size), 0, 1)
    names = [f'org/model-{i:02d}' for i in range(x.size)]
    names[4] = 'microsoft/phi-2'
    df = pd.DataFrame({'Model': names, 'Model Family': 'toy', 'FLOPs (1E21)': 10 ** x, 'MMLU': acc,
                       'Unnamed: 17': np.nan, '0_10_brier': easy, '0_10_san': 0.9, '10_20_brier': mid,
                       '10_20_san': 0.8, '20_30_brier': hard, '20_30_san': 0.7, 'acc': acc, 'brier': brier})
    df.loc[7, 'acc'] = np.nan
    path = os.path.join(OUT, 'forecast_tiny.csv')
    df.to_csv(path, index=False, float_format='%.17g')
    rows = []
    for variant, kwargs in (('default', {}), ('hard_lift', {'use_hard_lift': True}), ('clip', {'clip_scaling_law': True}),
                            ('e3h2', {'easy_degree': 3})):
        out, n_train, n_test, ours, base = forecast(path, 1.0, 0.25, **kwargs)
        for _, r in out.iterrows():
            rows.append({'variant': variant, 'model': r['Model'], 'acc_pred': r['acc_pred'],
                         'acc_base_pred': r['acc_base_pred'], 'brier_pred': r['brier_pred'],
                         'train_models': n_train, 'test_models': n_test, 'mse': ours, 'baseline_mse': base})
    pd.DataFrame(rows).to_csv(os.path.join(OUT, 'forecast_tiny_expected.csv'), index=False, float_format='%.17g')


if __name__ == '__main__':
    os.makedirs(OUT, exist_ok=True)
    groups_fixture()
    metadata_groups_fixture()
    tiny_forecast_fixture()
    if os.path.isdir(SHARED):
        forecast_fixture()
    else:
        print('no ../shared: forecast fixture not rebuilt', file=sys.stderr)
