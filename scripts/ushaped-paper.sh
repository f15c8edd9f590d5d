#!/usr/bin/env bash
# Wu & Lo 2024's tables and figures from model tables in the paper's layout (docs/ushaped.md):
#   DATA/<dataset>/<dataset>_instance_brier_-1000_<10^T>_<G>_redist.csv (and acc_… for accuracy groups),
# either the paper's own (../shared/data/scaling/ushaped) or the ones `elusive emergence groups` wrote.
# For every dataset, with the parameters of the paper's utils.py: the forecast and its variants
# (OUT/<dataset>/forecast_*.csv) and every figure (OUT/<dataset>/figures/*.{png,svg,csv}).
# Usage: scripts/ushaped-paper.sh DATA OUT [dataset …]   (default: all nine)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
elusive="$root/scripts/elusive"
[[ $# -ge 2 ]] || { echo "usage: $0 DATA OUT [dataset …]" >&2; exit 2; }
data="$1" out="$2"
shift 2

# dataset: type T 10^T (as the file names spell it) random-guess illustration-degree robustness T:10^T …
declare -A params=(
  [mmlu]="emergence 1.5 31.622776601683793 0.25 7 1.3:19.952623149688797 1.1:12.589254117941675"
  [parsinlu_qa_mc]="emergence 2.3 199.52623149688787 0.25 5 2.1:125.89254117941675 1.9:79.43282347242814"
  [arithmetic]="emergence 1.8 63.09573444801933 0.145 10 1.6:39.810717055349734 1.4:25.118864315095795"
  [hindu_knowledge]="emergence 1 10 0.25 5"
  [analogical_similarity]="emergence 2 100 0.145 5"
  [conceptual_combinations]="emergence 1.5 31.622776601683793 0.25 5"
  [hellaswag]="none 2.3 199.52623149688787 0.25 5"
  [arc]="none 2.3 199.52623149688787 0.25 5"
  [abstract_narrative_understanding]="none 2.3 199.52623149688787 0.1 5"
)
datasets=("$@")
[[ ${#datasets[@]} -gt 0 ]] || datasets=(mmlu parsinlu_qa_mc arithmetic hindu_knowledge analogical_similarity
                                         conceptual_combinations hellaswag arc abstract_narrative_understanding)

for d in "${datasets[@]}"; do
  [[ -n "${params[$d]:-}" ]] || { echo "unknown dataset '$d'; known: ${!params[*]}" >&2; exit 2; }
  read -r type t flops rg degree robust <<< "${params[$d]}"   # robust: the rest of the line, maybe empty
  three="$data/$d/${d}_instance_brier_-1000_${flops}_3_redist.csv"
  ten="$data/$d/${d}_instance_brier_-1000_${flops}_10_redist.csv"
  acc="$data/$d/acc_${d}_instance_brier_-1000_${flops}_10_redist.csv"
  dir="$out/$d" fig="$out/$d/figures"
  no_emergence=(); [[ "$type" == none ]] && no_emergence=(--no-emergence)
  mkdir -p "$dir"
  common=(--threshold "$t" --random-guess "$rg")

  # fit_cluster.py and its switches; the degree sweep of fit_cluster_robustness_degree.py
  "$elusive" emergence forecast --table "$three" "${common[@]}" --out "$dir/forecast.csv" --summary "$dir/forecast_summary.csv"
  "$elusive" emergence forecast --table "$three" "${common[@]}" --hard-lift --out "$dir/forecast_hard_lift.csv" --summary "$dir/forecast_hard_lift_summary.csv"
  "$elusive" emergence forecast --table "$three" "${common[@]}" --clip --out "$dir/forecast_clip.csv" --summary "$dir/forecast_clip_summary.csv"
  "$elusive" emergence forecast --table "$three" "${common[@]}" --easy-degree 3,5,7 --hard-degree 2,4,6 \
      --out "$dir/forecast_degrees.csv" --summary "$dir/forecast_degrees_summary.csv"
  # figures: overall, acc–Brier relation, easy/hard fits, Brier law, forecast, degree and threshold robustness
  "$elusive" plot emergence --table "$three" "${common[@]}" "${no_emergence[@]}" --name "$d" --out "$fig" \
      --figures overall,relation,fit,brier_law,forecast,robustness_degree
  # the 10-group figure (the paper's spectrogram) and, where the paper has one, accuracy by group
  "$elusive" plot emergence --table "$ten" "${common[@]}" "${no_emergence[@]}" --illustration-degree "$degree" \
      --name "${d}_10" --out "$fig" --figures groups
  if [[ -f "$acc" ]]; then
    "$elusive" plot emergence --table "$acc" "${common[@]}" --illustration-degree "$degree" --name "acc_${d}_10" --out "$fig"
  fi
  # fit_cluster_robustness_threshold.py: each threshold's own table, easy degrees 3 and 5, no calibration
  [[ -z "$robust" ]] || robust="$t:$flops $robust"
  for pair in $robust; do
    rt="${pair%%:*}" rflops="${pair#*:}"
    table="$data/$d/${d}_instance_brier_-1000_${rflops}_3_redist.csv"
    "$elusive" emergence forecast --table "$table" --threshold "$rt" --random-guess "$rg" --easy-degree 3,5 --no-calibration \
        --out "$dir/forecast_threshold_$rt.csv" --summary "$dir/forecast_threshold_${rt}_summary.csv"
    "$elusive" plot emergence --table "$table" --threshold "$rt" --random-guess "$rg" --name "${d}_T$rt" --out "$fig" \
        --figures robustness_threshold
  done
done
