#!/usr/bin/env python3
"""Prompt-parity fixture for org.elusive.task, made by lm-evaluation-harness 0.4.13 itself.

For every shipped task, lm-eval's own TaskManager builds the task from its registered YAML, with the
dataset overridden to local JSONL files (dataset_path: json + data_files: no network), and
build_all_requests() turns sample docs into the exact (context, continuation) pairs lm-eval scores.
Each case records the docs per split (so the Java test can rebuild them anywhere), the requests per
doc and the gold index as lm-eval's process_results computes it. Docs come from ../shared/data/hf
where it has the dataset, else they are synthetic docs in the real HF schema (SciQ, RACE, SIQA,
MathQA, MC-TACO). Also records Python's random.Random(1234).sample and a few Jinja2 renders.

Usage: /work/venv/bin/python scripts/reference/make_task_fixtures.py [OUT.json]
"""
import json
import os
import random
import sys
import tempfile
from pathlib import Path

tmp = tempfile.mkdtemp(prefix="task-fixtures-")
os.environ.update(HF_DATASETS_OFFLINE="1", HF_HUB_OFFLINE="1", HF_DATASETS_CACHE=f"{tmp}/hf-cache")

from lm_eval.tasks import TaskManager  # noqa: E402
from lm_eval import utils as lm_utils  # noqa: E402

SHARED = Path(os.environ.get("ELUSIVE_SHARED", Path(__file__).resolve().parents[3] / "shared")) / "data" / "hf"
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "src/test/resources/task/lm_eval_prompts.json"
tm = TaskManager()


def shared_docs(path, config, split, indices):
    lines = (SHARED / path / config / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(lines[i]) for i in indices]


def case(name, task, dataset_path, dataset_name, splits, num_fewshot=None, source="shared"):
    files = {}
    for split, docs in splits.items():
        f = Path(tmp) / name / f"{split}.jsonl"
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
        files[split] = str(f)
    spec = {"task": task, "dataset_path": "json", "dataset_name": None, "dataset_kwargs": {"data_files": files}}
    if num_fewshot is not None:
        spec["num_fewshot"] = num_fewshot
    # lm-eval loads the few-shot pool (the train split) even at 0-shot: splits a case does not carry are
    # switched off, which changes nothing for the docs scored (the eval split is always carried)
    registered = tm._factory._load_full_config(tm._entry(task))
    for key in ("training_split", "validation_split", "test_split", "fewshot_split"):
        if registered.get(key) is not None and registered[key] not in splits:
            spec[key] = None
    # the registered YAML (includes and !function resolved) with the dataset swapped for local files
    t = tm._factory._build_task(tm._entry(task), spec)
    t.set_fewshot_seed(1234)  # what lm_eval.evaluator does with its default fewshot_random_seed
    t.build_all_requests(limit=None, rank=0, world_size=1)
    by_doc = {}
    for inst in t.instances:
        by_doc.setdefault(inst.doc_id, []).append(inst)
    requests = []
    for doc_id in sorted(by_doc):
        insts = sorted(by_doc[doc_id], key=lambda i: i.idx)
        doc = insts[0].doc
        if t.OUTPUT_TYPE == "multiple_choice":
            choices = t.doc_to_choice(doc)
            gold = t.doc_to_text(doc) if t.multiple_input else t.doc_to_target(doc)
            if isinstance(gold, str):
                gold = choices.index(gold)
        else:
            choices, gold = [insts[0].arguments[1]], 0
        requests.append({
            "doc_id": doc_id,
            # one context when every choice shares it (as org.elusive.task.Request), else one per choice
            "contexts": ctxs if len(set(ctxs := [i.arguments[0] for i in insts])) > 1 else ctxs[:1],
            "continuations": [i.arguments[1] for i in insts],
            "choice_texts": list(choices),
            "gold": gold,
        })
    print(f"{name}: {len(requests)} docs", file=sys.stderr)
    return {"name": name, "task": task, "num_fewshot": num_fewshot, "source": source,
            "dataset_path": dataset_path, "dataset_name": dataset_name or "default",
            "splits": splits, "requests": requests}


def synthetic(name, task, dataset_path, dataset_name, split, docs):
    return case(name, task, dataset_path, dataset_name, {split: docs}, source="synthetic")


cases = []
hs = shared_docs("Rowan/hellaswag", "default", "validation", [0, 1, 2, 3, 4, 3505, 3691, 4016, 4041])
arc_e = shared_docs("allenai/ai2_arc", "ARC-Easy", "test", range(6))
cases += [
    case("arc_easy", "arc_easy", "allenai/ai2_arc", "ARC-Easy", {"test": arc_e}),
    case("arc_challenge", "arc_challenge", "allenai/ai2_arc", "ARC-Challenge",
         {"test": shared_docs("allenai/ai2_arc", "ARC-Challenge", "test", range(6))}),
    case("hellaswag", "hellaswag", "Rowan/hellaswag", None, {"validation": hs}),
    case("openbookqa", "openbookqa", "allenai/openbookqa", "main",
         {"test": shared_docs("allenai/openbookqa", "main", "test", range(6))}),
    case("piqa", "piqa", "baber/piqa", None, {"validation": shared_docs("baber/piqa", "default", "validation", range(6))}),
    case("winogrande", "winogrande", "allenai/winogrande", "winogrande_xl",
         {"validation": shared_docs("allenai/winogrande", "winogrande_xl", "validation", range(6))}),
    case("lambada_openai", "lambada_openai", "EleutherAI/lambada_openai", None,
         {"test": shared_docs("EleutherAI/lambada_openai", "default", "test", range(6))}),
]
for subject in ["abstract_algebra", "high_school_european_history"]:
    cases.append(case(f"mmlu_{subject}_5shot", f"mmlu_{subject}", "cais/mmlu", subject,
                      {"test": shared_docs("cais/mmlu", subject, "test", range(3)),
                       "dev": shared_docs("cais/mmlu", subject, "dev", range(5))}, num_fewshot=5))

# few-shot with lm-eval's default sampler (Random(1234).sample, advanced doc after doc)
cases += [
    # pool of 12 <= setsize: the list strategy of random.sample; eval doc not excluded (fewshot_split None != test)
    case("arc_easy_3shot", "arc_easy", "allenai/ai2_arc", "ARC-Easy",
         {"test": arc_e, "train": shared_docs("allenai/ai2_arc", "ARC-Easy", "test", range(100, 112))}, num_fewshot=3),
    # pool of 40 > setsize: the set strategy; test_split None == fewshot_split None: the eval doc is sampled
    # around (k+1 drawn), and the pool holds the eval docs themselves
    case("hellaswag_2shot", "hellaswag", "Rowan/hellaswag", None,
         {"validation": hs[:5], "train": hs[:5] + shared_docs("Rowan/hellaswag", "default", "validation", range(200, 235))},
         num_fewshot=2),
    case("winogrande_2shot", "winogrande", "allenai/winogrande", "winogrande_xl",
         {"validation": shared_docs("allenai/winogrande", "winogrande_xl", "validation", range(6)),
          "train": shared_docs("allenai/winogrande", "winogrande_xl", "validation", range(50, 60))}, num_fewshot=2),
    case("lambada_openai_1shot", "lambada_openai", "EleutherAI/lambada_openai", None,
         {"test": shared_docs("EleutherAI/lambada_openai", "default", "test", range(6))}, num_fewshot=1),
    case("piqa_1shot", "piqa", "baber/piqa", None,
         {"validation": shared_docs("baber/piqa", "default", "validation", range(4)),
          "train": shared_docs("baber/piqa", "default", "validation", range(30, 38))}, num_fewshot=1),
]

# tasks whose data is not in ../shared: synthetic docs in the HF schema
cases.append(synthetic("hellaswag_wikihow", "hellaswag", "Rowan/hellaswag", None, "validation", [
    {"ind": 4, "activity_label": "Home and Garden", "ctx_a": "[header] How to clean a grill [title] Heat the grill.",
     "ctx_b": "[step] TURN the  burners on high.", "ctx": "", "endings": [
         " [substeps] Close the lid [title] wait 15 minutes. ", "Scrub  it [step] with a brush.", "[header] Done", "ÉCLAIR time"],
     "source_id": "wikihow~1", "split": "val", "split_type": "indomain", "label": "2"},
    {"ind": 9, "activity_label": "Ice fishing", "ctx_a": "", "ctx_b": "éLAN and vigor", "ctx": "",
     "endings": ["a", "b", "c", "d"], "source_id": "activitynet~v_x", "split": "val", "split_type": "zeroshot", "label": "0"},
]))
cases.append(synthetic("sciq", "sciq", "allenai/sciq", None, "test", [
    {"question": "What type of organism is commonly used in preparation of foods such as cheese and yogurt?",
     "distractor3": "viruses", "distractor1": "protozoa", "distractor2": "gymnosperms", "correct_answer": "mesophilic organisms",
     "support": "Mesophiles grow best in moderate temperature, typically between 25°C and 40°C. They are used in cheese."},
    {"question": "What is the least dangerous radioactive decay?", "distractor3": "zeta decay", "distractor1": "beta decay",
     "distractor2": "gamma decay", "correct_answer": "alpha decay", "support": ""},
    {"question": "Kilauea in hawaii is the world’s most continuously active volcano.",
     "distractor3": "smoke", "distractor1": "magma", "distractor2": "ash", "correct_answer": "lava",
     "support": "\n  Example 3.5 uses \u00a0spaces and \"quotes\".\n"},
]))

race_problems = [
    [{"answer": "B", "options": ["in a shop", "at school", "at home", "in a park"], "question": "Where was the writer?"},
     {"answer": "D", "options": ["happy", "sad", "angry", "tired"], "question": "The writer felt  _  ."},
     {"answer": "A", "options": ["Tom's story", "A day out", "Lost keys", "Bad luck"], "question": "What's the best title?"}],
    [{"answer": "C", "options": ["1990", "1995", "2000", "2005"], "question": "When did it begin?"}],
]
cases.append(synthetic("race", "race", "EleutherAI/race", "high", "test", [
    {"example_id": "high1.txt", "article": "Tom went to school. He didn't like it at first, but \"friends\" helped.",
     "problems": str(race_problems[0])},
    {"example_id": "high2.txt", "article": "The festival began in 2000.\nIt is held every year.",
     "problems": str(race_problems[1])},
]))
cases.append(synthetic("social_iqa", "social_iqa", "lighteval/siqa", None, "validation", [
    {"context": "Tracy didn't go home that evening and resisted Riley's attacks.", "question": "What does Tracy need to do before this?",
     "answerA": "make a new plan", "answerB": "Go home and see Riley", "answerC": "Find somewhere to go", "label": "3"},
    {"context": "Sydney walked past a homeless woman asking for change.", "question": "How would you describe Sydney?",
     "answerA": "sympathetic", "answerB": "like a person who was unable to help", "answerC": "incredulous", "label": "1"},
]))
cases.append(synthetic("mathqa", "mathqa", "regisss/math_qa", None, "test", [
    {"Problem": "a shopkeeper sold an article offering a discount of 5 % and earned a profit of 31.1 % . what would have been the percentage of profit earned if no discount had been offered ?",
     "Rationale": "\"giving no discount ...\"", "options": "a ) 38 , b ) 27.675 , c ) 30 , d ) data inadequate , e ) none of these",
     "correct": "a", "annotated_formula": "add(...)", "linear_formula": "add(n0,n1)|", "category": "gain"},
    {"Problem": "what is the cost price of rs . 100 stock at 4 discount , when brokerage is 1 / 5 % ?",
     "Rationale": "...", "options": "a ) rs . 96.20 , b ) rs . 95.80 , c ) rs . 96.75 , d ) rs . 96 , e ) rs . 95.20",
     "correct": "a", "annotated_formula": "", "linear_formula": "", "category": "gain"},
]))
cases.append(synthetic("mc_taco", "mc_taco", "CogComp/mc_taco", None, "test", [
    {"sentence": "Durer's father died in 1502, and his mother died in 1513.", "question": "How long was his mother ill?",
     "answer": "six centuries", "label": 0, "category": "Event Duration"},
    {"sentence": "Durer's father died in 1502, and his mother died in 1513.", "question": "How long was his mother ill?",
     "answer": "6 months", "label": 1, "category": "Event Duration"},
]))

# Python's random.Random(seed).sample, consecutive calls on one generator
rnd = random.Random(1234)
samples = []
for n, k in [(12, 3), (12, 4), (40, 3), (1000, 10), (10, 10), (7, 0), (50, 6), (2, 1), (100000, 25)]:
    samples.append({"n": n, "k": k, "sample": rnd.sample(range(n), k)})

# Jinja2 as lm-eval configures it (StrictUndefined, keep_trailing_newline, regex_replace)
template_doc = {"q": "  What\u00a0is it? \n", "words": "a b  c ", "lbl": "2", "xs": ["p", "q's", "r"], "n": 3,
                "c": {"label": ["A", "B"], "text": ["one", "two"]}, "k": " B", "t": "hello WORLD ab",
                "choices": ["w", "x", "y"], "answer": 2, "f": 0.5, "neg": -3}
templates = ["{{q.strip()}}|", "{{q.lstrip()}}|", "{{q.rstrip()}}|", "{{words.split(' ')}}", "{{words.split()|length}}",
             "{{words.split(' ')[:-1]|join(' ')}}", "{{' '+words.split(' ')[-2]}}", "{{ (lbl|int) - 1 }}",
             "{{c.label.index(k.lstrip())}}", "{{xs[1]}}-{{xs|length}}", "{{t.capitalize()}}", "{{n + 1}}\n",
             "{% if xs|length > 2 %}many{% else %}few{% endif %}", "{{t|regex_replace('[aeiou]', '_')}}",
             "{{c.text[n - 2]}}", "{{choices[answer]}}", "{{choices[-1]}}", "{{choices[1:]|join(', ')}}",
             "{{ f }} {{ neg|abs }} {{ answer * 2 }}", "{{ 'x' if answer > 1 else 'y' }}", "{{ t|lower|replace('l', 'L') }}",
             "{{ xs|first }}{{ xs|last }}", "{% for x in xs %}{{ loop.index }}{{ x }};{% endfor %}"]  # not supported: indexing a string ('ABCD'[i]); no shipped task does
renders = [{"template": t, "output": lm_utils.apply_template(t, template_doc)} for t in templates]

OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text(json.dumps({"lm_eval_version": "0.4.13", "python_random_1234": samples,
                           "jinja": {"doc": template_doc, "renders": renders}, "cases": cases},
                          ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"wrote {OUT} ({OUT.stat().st_size} bytes)", file=sys.stderr)
