#!/usr/bin/env bash
# Starts a one-node Slurm cluster on this machine (for testing scripts/slurm/sweep.sbatch):
# installs Debian's slurmctld, slurmd, slurm-client and munge if absent (needs root and apt),
# writes a munge key and /etc/slurm/slurm.conf, starts munged, slurmctld and slurmd, and waits
# until the node is idle. The pids of the daemons it started go to $STATE/pids, for
# stop-local-cluster.sh. If a cluster already answers, nothing is started.
# Exit codes: 0 running, 3 cannot start (not root, no apt, daemons fail): callers skip.
set -uo pipefail
STATE="${ELUSIVE_SLURM_STATE:-/tmp/elusive-slurm}"
mkdir -p "$STATE"
log() { echo "start-local-cluster: $*" >&2; }
fail() { log "$*"; exit 3; }

if command -v sinfo >/dev/null && timeout 5 sinfo -h -o '%T' 2>/dev/null | grep -qE 'idle|mixed|alloc'; then
  log "a cluster already answers; using it"; exit 0
fi
[[ $(id -u) == 0 ]] || fail "not root: cannot install or start Slurm daemons"

pkgs=(slurmctld slurmd slurm-client munge)
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null || ! command -v sbatch >/dev/null; then
  command -v apt-get >/dev/null || fail "Slurm is not installed and there is no apt-get"
  log "installing ${pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${pkgs[@]}" >"$STATE/apt.log" 2>&1 \
    || { apt-get update >>"$STATE/apt.log" 2>&1 && apt-get install -y --no-install-recommends "${pkgs[@]}" >>"$STATE/apt.log" 2>&1; } \
    || fail "apt-get install ${pkgs[*]} failed (see $STATE/apt.log)"
fi

host=$(hostname -s)
cpus=$(nproc)
: > "$STATE/pids"

# munge: a key and the daemon, as the munge user
running() { pgrep -r R,S,D -x "$1" >/dev/null 2>&1; }   # zombies of killed daemons do not count

if ! { munge -n 2>/dev/null | unmunge >/dev/null 2>&1; }; then
  mkdir -p /etc/munge /run/munge /var/lib/munge /var/log/munge
  if [[ ! -s /etc/munge/munge.key ]]; then
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
  fi
  chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge
  chmod 400 /etc/munge/munge.key
  chmod 755 /run/munge
  rm -f /run/munge/munged.pid
  su -s /bin/sh munge -c "munged" || fail "munged did not start"
  for _ in $(seq 1 20); do [[ -s /run/munge/munged.pid ]] && break; sleep 0.25; done
  pid=$(cat /run/munge/munged.pid 2>/dev/null)   # the daemon's own pid (it forks away from su)
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || fail "munged is not running"
  echo "$pid" >> "$STATE/pids"
fi

mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/slurm
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=elusive
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SchedulerType=sched/backfill
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurm/slurmctld.pid
SlurmdPidFile=/run/slurm/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
GresTypes=gpu
NodeName=$host CPUs=$cpus RealMemory=8000 State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF

if ! running slurmctld; then
  slurmctld || fail "slurmctld did not start (see /var/log/slurm/slurmctld.log)"
  sleep 1
  cat /run/slurm/slurmctld.pid >> "$STATE/pids" 2>/dev/null || fail "slurmctld is not running"
fi
if ! running slurmd; then
  slurmd || fail "slurmd did not start (see /var/log/slurm/slurmd.log)"
  sleep 1
  cat /run/slurm/slurmd.pid >> "$STATE/pids" 2>/dev/null || fail "slurmd is not running"
fi

for _ in $(seq 1 60); do
  if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed)'; then log "node $host idle"; exit 0; fi
  sleep 0.5
done
fail "the node did not become idle: $(sinfo 2>&1 | tail -2)"
