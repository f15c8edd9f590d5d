"""Reference numbers for the figures of `elusive plot emergence` (Wu & Lo 2024).

Follows, step by step, the data handling and fits of the paper's plotting scripts
(tony10101105/ExpEmergence), with pandas, numpy and statsmodels as there, on the paper's own tables
(../shared/data/scaling/ushaped):
  * plot_overall_performance.py (mode 'acc' and 'brier'): one point per model;
  * plot_question_group_tc_brier.py / plot_question_group_acc.py: np.polyfit per group over every
    model, the band ± 1.96 · np.std(residuals);
  * fit_cluster.py: the acc–Brier OLS, the easy/hard polynomials, the Brier law, the calibrated
    accuracy law, the sigmoid baseline and the oracle (plot_oracle);
  * fit_cluster_robustness_degree.py (easy 3/5/7, hard 2/4/6) and
    fit_cluster_robustness_threshold.py (easy 3 and 5, hard 2, no calibration).

Writes src/test/resources/emergence/figures_points_expected.csv (figure, series, x, y: every point a
figure must show) and figures_curves_expected.csv (figure, series, form, sigma, coefficients: every
curve, as ascending polynomial coefficients 'c0;c1;...' or a sigmoid 'alpha;beta;random_guess').
Run: ELUSIVE_SHARED=/work/shared /work/venv/bin/python scripts/reference/make_emergence_figures_fixture.py
"""
import os

import numpy as np
import pandas as pd
import statsmodels.api as sm
import statsmodels.formula.api as smf

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.environ.get('ELUSIVE_SHARED', os.path.join(os.path.dirname(ROOT), 'shared')),
                      'data', 'scaling', 'ushaped')
OUT = os.path.join(ROOT, 'src', 'test', 'resources', 'emergence')

# utils.model_filter (current: six models)
FILTERED = ['microsoft/phi-1_5', 'microsoft/phi-2', 'Qwen/Qwen1.5-0.5B', 'Qwen/Qwen1.5-1.8B',
            'Qwen/Qwen1.5-4B', 'stabilityai/stablelm-2-1_6b']
RG = 0.25  # utils.basic_parameter['mmlu']['random_guess_acc']

points, curves = [], []


def point(figure, series, x, y):
    points.append({'figure': figure, 'series': series, 'x': float(x), 'y': float(y)})


def curve(figure, series, form, coefficients, sigma=float('nan')):
    curves.append({'figure': figure, 'series': series, 'form': form, 'sigma': sigma,
                   'coefficients': ';'.join(repr(float(c)) for c in coefficients)})


def model_filter(df):
    return df[~df['Model'].isin(FILTERED)]


def overall(figure, csv_file):
    for mode in ('acc', 'brier'):
        df = model_filter(pd.read_csv(csv_file))
        df = df.dropna(subset=[mode])
        df = df.dropna(subset=['FLOPs (1E21)'])
        df['FLOPs (1E21)'] = df['FLOPs (1E21)'].apply(lambda x: np.log10(float(x)))
        df['brier'] = df['brier'].apply(lambda x: float(x) * (-1))
        for _, r in df.iterrows():
            point(f'{figure}/overall_{mode}', r['Model'], r['FLOPs (1E21)'], r[mode])


def groups(figure, csv_file, degree, acc):
    df = model_filter(pd.read_csv(csv_file))
    suffix = '_acc' if acc else '_brier'
    modes = sorted([c for c in df.columns if c.endswith(suffix) and c not in ('brier',) and c[0].isdigit()],
                   key=lambda c: int(c.split('_')[0]))
    for m in modes:
        df = df.dropna(subset=[m])
        if not acc:
            df[m] = df[m].apply(lambda x: float(x) * (-1))
    df = df.dropna(subset=['FLOPs (1E21)'])
    df['FLOPs (1E21)'] = df['FLOPs (1E21)'].apply(lambda x: np.log10(float(x)))
    for m in modes:
        coefficients = np.polyfit(df['FLOPs (1E21)'], df[m], degree)
        df[f'{m}_pred'] = np.poly1d(coefficients)(df['FLOPs (1E21)'])
        sigma = np.std(df[m] - df[f'{m}_pred'])
        curve(f'{figure}/groups', f'{m} fit', 'poly', coefficients[::-1])
        curve(f'{figure}/groups', f'{m} band', 'poly', coefficients[::-1], sigma)
        for _, r in df.iterrows():
            point(f'{figure}/groups', m, r['FLOPs (1E21)'], r[m])


def prepared(csv_file, threshold):
    """fit_cluster.py up to the fits: filter, splits, negation, log10 FLOPs."""
    df = pd.read_csv(csv_file)
    cols = sorted([c for c in df.columns if c.endswith('_brier') and c[0].isdigit()], key=lambda c: int(c.split('_')[0]))
    clusters = [cols[0], cols[-1]]
    df.rename(columns={'FLOPs (1E21)': 'FLOPs'}, inplace=True)
    df = df.sort_values(by='FLOPs')
    df = model_filter(df)
    fitting_split = df['FLOPs'] < threshold
    df = df.dropna(subset=['acc'])
    for cluster in clusters:
        df = df.dropna(subset=[cluster])
        df[cluster] = df[cluster].apply(lambda x: float(x) * (-1))
    df = df.dropna(subset=['FLOPs'])
    df['brier'] = df['brier'].apply(lambda x: float(x) * (-1))
    df['FLOPs'] = df['FLOPs'].apply(lambda x: np.log10(float(x)))
    for k in range(2, 8):
        df[f'FLOPs{k}'] = df['FLOPs'] ** k
    df['train'] = fitting_split.reindex(df.index)
    return df, clusters


def poly(fit_df, cluster, degree):
    terms = ['Q("FLOPs")'] + [f'Q("FLOPs{k}")' for k in range(2, degree + 1)]
    model = smf.ols(f'Q("{cluster}") ~ ' + ' + '.join(terms), data=fit_df).fit()
    return np.asarray(model.params, dtype=float)  # intercept first: ascending powers


def add(a, b):
    n = max(len(a), len(b))
    return np.pad(a, (0, n - len(a))) + np.pad(b, (0, n - len(b)))


def sigmoid_fit(data):
    data = data.assign(logit_acc=data['acc'].apply(lambda x: np.log((min(max(x - RG, 0), 1) + 1e-6)
                                                                      / (1 - min(max(x - RG, 0), 1) + 1e-6))))
    model = smf.ols('logit_acc ~ FLOPs', data=data).fit()
    return [model.params['FLOPs'], model.params['Intercept'], RG]


def split_points(figure, df, x, y, prefix=''):
    for _, r in df.iterrows():
        point(figure, f'{prefix}{"training" if r["train"] else "testing"} split', r[x], r[y])


def fit_cluster(figure, csv_file, threshold_log):
    threshold = 10 ** threshold_log
    df, (easy, hard) = prepared(csv_file, threshold)
    fit_df = df[df['FLOPs'] < np.log10(threshold)]
    ols = sm.OLS(fit_df['brier'], sm.add_constant(fit_df['acc'])).fit()
    a, b = ols.params.iloc[0], ols.params.iloc[1]
    split_points(f'{figure}/relation', df, 'acc', 'brier')
    curve(f'{figure}/relation', 'OLS', 'poly', [a, b])

    ce, ch = poly(fit_df, easy, 5), poly(fit_df, hard, 2)
    split_points(f'{figure}/fit', df, 'FLOPs', easy, 'easy ')
    split_points(f'{figure}/fit', df, 'FLOPs', hard, 'hard ')
    curve(f'{figure}/fit', 'easy polynomial regression (degree 5)', 'poly', ce)
    curve(f'{figure}/fit', 'hard polynomial regression (degree 2)', 'poly', ch)

    law = add(ce, ch) / 2
    split_points(f'{figure}/brier_law', df, 'FLOPs', 'brier')
    curve(f'{figure}/brier_law', 'Slice-and-Sandwich', 'poly', law)

    df['acc_pred'] = (np.polyval(law[::-1], df['FLOPs']) - a) / b
    shift = df['acc'][df['train']].mean() - df['acc_pred'][df['train']].mean()
    acc_law = (law - np.pad([a], (0, len(law) - 1))) / b
    acc_law[0] += shift
    split_points(f'{figure}/forecast', df, 'FLOPs', 'acc')
    curve(f'{figure}/forecast', 'Slice-and-Sandwich', 'poly', acc_law)
    curve(f'{figure}/forecast', 'sigmoid baseline', 'sigmoid', sigmoid_fit(fit_df))
    curve(f'{figure}/forecast', 'oracle', 'sigmoid', sigmoid_fit(df))

    for e in (3, 5, 7):
        curve(f'{figure}/robustness_degree', f'easy, degree {e}', 'poly', poly(fit_df, easy, e))
    for h in (2, 4, 6):
        curve(f'{figure}/robustness_degree', f'hard, degree {h}', 'poly', poly(fit_df, hard, h))
    split_points(f'{figure}/robustness_degree', df, 'FLOPs', easy, 'easy ')
    split_points(f'{figure}/robustness_degree', df, 'FLOPs', hard, 'hard ')


def robustness_threshold(figure, csv_file, threshold_log):
    threshold = 10 ** threshold_log
    df, (easy, hard) = prepared(csv_file, threshold)
    fit_df = df[df['FLOPs'] < np.log10(threshold)]
    ols = sm.OLS(fit_df['brier'], sm.add_constant(fit_df['acc'])).fit()
    a, b = ols.params.iloc[0], ols.params.iloc[1]
    ch = poly(fit_df, hard, 2)
    for e in (3, 5):  # no calibration shift in this script
        law = add(poly(fit_df, easy, e), ch) / 2
        curve(f'{figure}/robustness_threshold', f'Slice-and-Sandwich, easy degree {e}', 'poly',
              (law - np.pad([a], (0, len(law) - 1))) / b)
    curve(f'{figure}/robustness_threshold', 'sigmoid baseline', 'sigmoid', sigmoid_fit(fit_df))
    split_points(f'{figure}/robustness_threshold', df, 'FLOPs', 'acc')


if __name__ == '__main__':
    mmlu = os.path.join(SHARED, 'mmlu')
    three = os.path.join(mmlu, 'mmlu_instance_brier_-1000_31.622776601683793_3_redist.csv')
    overall('mmlu3', three)
    groups('mmlu3', three, 5, False)
    fit_cluster('mmlu3', three, 1.5)
    robustness_threshold('mmlu13', os.path.join(mmlu, 'mmlu_instance_brier_-1000_19.952623149688797_3_redist.csv'), 1.3)
    groups('mmlu10', os.path.join(mmlu, 'mmlu_instance_brier_-1000_31.622776601683793_10_redist.csv'), 7, False)
    groups('accmmlu10', os.path.join(mmlu, 'acc_mmlu_instance_brier_-1000_31.622776601683793_10_redist.csv'), 7, True)
    pd.DataFrame(points).to_csv(os.path.join(OUT, 'figures_points_expected.csv'), index=False, float_format='%.17g')
    pd.DataFrame(curves).to_csv(os.path.join(OUT, 'figures_curves_expected.csv'), index=False, float_format='%.17g')
    print(len(points), 'points,', len(curves), 'curves')
