#!/usr/bin/env bash
# A single-node Slurm cluster on localhost for the tests (Debian 12: slurmctld slurmd slurm-client munge).
#   tests/slurm/cluster.sh start DIR   -> writes DIR/slurm.conf, starts munged, slurmctld, slurmd; prints SLURM_CONF=...
#   tests/slurm/cluster.sh stop DIR    -> stops the daemons by their pid files
# Everything (config, state, logs, pids, munge socket) lives in DIR; nothing under /etc is changed.
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"
cmd=${1:?start|stop}; dir=$(realpath -m "${2:?DIR}")
case "$cmd" in
start)
  for c in munged mungekey slurmctld slurmd sbatch squeue; do
    command -v "$c" >/dev/null || { echo "missing $c: apt-get install slurmctld slurmd slurm-client munge" >&2; exit 3; }
  done
  mkdir -p "$dir"/{state,spool,log,munge}
  user=$(id -un); host=$(hostname -s)
  cpus=$(nproc); mem=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 1024 ))
  # munge: its own key and socket in DIR.
  [ -f "$dir/munge/munge.key" ] || mungekey --create --keyfile="$dir/munge/munge.key" >/dev/null 2>&1 || dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 2>/dev/null
  chmod 600 "$dir/munge/munge.key"
  chmod 700 "$dir/munge"
  munged --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" --pid-file="$dir/munge/munged.pid" \
         --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munge.seed" --force
  cat > "$dir/slurm.conf" <<CONF
ClusterName=xraysynth-test
SlurmctldHost=$host
SlurmUser=$user
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldPort=$(( 20000 + RANDOM % 20000 ))
SlurmdPort=$(( 40000 + RANDOM % 20000 ))
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MaxArraySize=10000
KillWait=5
MinJobAge=300
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4
CONF
  export SLURM_CONF="$dir/slurm.conf"
  slurmctld -f "$dir/slurm.conf" -i
  slurmd -f "$dir/slurm.conf"
  for _ in $(seq 1 60); do
    if sinfo -h -o %T 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then echo "SLURM_CONF=$dir/slurm.conf"; exit 0; fi
    sleep 0.5
  done
  echo "slurm did not come up; logs in $dir/log" >&2; sinfo >&2 || true; exit 4 ;;
stop)
  for pid in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge/munged.pid"; do
    [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true
  done ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
