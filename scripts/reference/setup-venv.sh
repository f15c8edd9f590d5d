#!/usr/bin/env bash
# Builds the Python venv that generates the golden fixtures under src/test/resources.
# Only for fixture generation: tests and the build never need Python.
# Usage: scripts/reference/setup-venv.sh [VENV_DIR]   (default /work/venv)
set -euo pipefail
venv="${1:-/work/venv}"
python3 -m venv "$venv"
pip="$venv/bin/pip install -q"   # add --index-url/--find-links for a local mirror if needed
$pip "torch==2.13.0+cpu" "transformers==5.18.0" numpy scipy statsmodels safetensors pandas pyarrow \
     datasets accelerate dill sacrebleu more_itertools numexpr scikit-learn zstandard
$pip --no-deps "lm-eval==0.4.13"
# lm-eval imports these at start-up but the log-likelihood path never uses them: empty stand-ins.
sp=$("$venv/bin/python" -c "import site; print(site.getsitepackages()[0])")
for p in evaluate pytablewriter sqlitedict word2number rouge_score jsonlines; do
  mkdir -p "$sp/$p"; touch "$sp/$p/__init__.py"
done
echo "class SqliteDict: pass" > "$sp/sqlitedict/__init__.py"
"$venv/bin/python" -c "import lm_eval, transformers, torch, scipy; print('fixture venv ready')"
