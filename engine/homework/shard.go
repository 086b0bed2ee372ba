package homework

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// A Shard is one part of a class split over N grading machines: shard K of
// N holds the students whose ShardOf is K. Shards are numbered from 0, as
// Kubernetes' JOB_COMPLETION_INDEX and a Slurm array of 0-(N-1) number
// them. The zero Shard is the whole class.
type Shard struct {
	K, N int
}

// All reports whether s is the whole class.
func (s Shard) All() bool { return s.N <= 1 }

func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.K, s.N) }

// Has reports whether the student is in shard s.
func (s Shard) Has(studentID string) bool {
	return s.All() || ShardOf(studentID, s.N) == s.K
}

// ShardOf is the shard, 0 to n-1, of a student: the first 8 bytes of the
// SHA-256 of the normalised student ID (NormalizeStudentID), read as a
// big-endian unsigned integer, mod n. Any machine, and any tool, computes
// the same split: for ID ada and 3 shards,
//
//	printf %s ada | sha256sum | cut -c1-16   # fdee430d40bd57de, which is 2 mod 3
//
// A hash rather than the ID's order keeps the shards even whatever the IDs
// look like, and a student's shard never depends on who else is in the
// class.
func ShardOf(studentID string, n int) int {
	if n <= 1 {
		return 0
	}
	if id, err := NormalizeStudentID(studentID); err == nil {
		studentID = id
	}
	sum := sha256.Sum256([]byte(studentID))
	return int(binary.BigEndian.Uint64(sum[:8]) % uint64(n))
}

// MaxShards bounds N: more machines than that are a typo.
const MaxShards = 10000

// ParseShard reads "K/N", 0 <= K < N.
func ParseShard(s string) (Shard, error) {
	ks, ns, ok := strings.Cut(s, "/")
	if !ok {
		return Shard{}, fmt.Errorf("shard %q is not K/N (0/3, 1/3 and 2/3 are the shards of three)", s)
	}
	n, err := shardCount(ns)
	if err != nil {
		return Shard{}, fmt.Errorf("shard %q: %w", s, err)
	}
	k, err := strconv.Atoi(ks)
	switch {
	case err != nil || k < 0:
		return Shard{}, fmt.Errorf("shard %q: K must be a number from 0 to %d", s, n-1)
	case k >= n:
		return Shard{}, fmt.Errorf("shard %q: shards are numbered from 0, so K is at most %d (%s)", s, n-1, shardList(n))
	}
	return Shard{k, n}, nil
}

func shardCount(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > MaxShards {
		return 0, fmt.Errorf("the number of shards must be from 1 to %d, not %q", MaxShards, s)
	}
	return n, nil
}

func shardList(n int) string {
	if n == 1 {
		return "0/1"
	}
	return fmt.Sprintf("0/%d to %d/%d", n, n-1, n)
}

// ShardEnv is what a distributed engine tells a task about its place,
// as found in the environment ("" when unset). cmd reads it; the engine
// never reads the environment.
type ShardEnv struct {
	// Kubernetes Indexed Job: the pod's index, 0 to completions-1.
	JobCompletionIndex string
	// Slurm job array: this task's index, the number of tasks, and the
	// lowest index and the step of --array (1-8:1 numbers tasks from 1).
	SlurmTaskID, SlurmTaskCount, SlurmTaskMin, SlurmTaskStep string
}

// ResolveShard decides which shard a grading run grades, from --shard K/N
// (flag), --shards N (shards, 0 when not given) and the environment, and
// says where it came from. Sources that are given must agree; a value that
// is not a valid index is an error, never a silent whole-class run.
func ResolveShard(flag string, shards int, env ShardEnv) (Shard, string, error) {
	type source struct {
		s    Shard
		from string
	}
	var found []source
	if flag != "" {
		s, err := ParseShard(flag)
		if err != nil {
			return Shard{}, "", err
		}
		found = append(found, source{s, "--shard " + flag})
	}
	if shards < 0 || shards > MaxShards {
		return Shard{}, "", fmt.Errorf("--shards %d: the number of shards must be from 1 to %d", shards, MaxShards)
	}
	if env.JobCompletionIndex != "" {
		k, err := strconv.Atoi(env.JobCompletionIndex)
		switch {
		case err != nil || k < 0:
			return Shard{}, "", fmt.Errorf("JOB_COMPLETION_INDEX=%q is not an index (0, 1, ...)", env.JobCompletionIndex)
		case shards == 0 && flag == "":
			return Shard{}, "", fmt.Errorf("JOB_COMPLETION_INDEX=%d is set (a Kubernetes Indexed Job), but not the number of shards: pass --shards N, the Job's completions", k)
		}
		n := shards
		if n == 0 {
			n = found[0].s.N
		}
		if k >= n {
			return Shard{}, "", fmt.Errorf("JOB_COMPLETION_INDEX=%d is not below the number of shards, %d: the Job's completions and --shards differ", k, n)
		}
		found = append(found, source{Shard{k, n}, fmt.Sprintf("JOB_COMPLETION_INDEX=%d of --shards %d", k, n)})
	}
	if env.SlurmTaskID != "" {
		s, from, err := slurmShard(env)
		if err != nil {
			return Shard{}, "", err
		}
		if shards != 0 && shards != s.N {
			return Shard{}, "", fmt.Errorf("%s, but --shards is %d", from, shards)
		}
		found = append(found, source{s, from})
	}
	if len(found) == 0 {
		if shards > 1 {
			return Shard{}, "", fmt.Errorf("--shards %d needs the shard too: --shard K/%d, or JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID in the environment", shards, shards)
		}
		return Shard{}, "", nil
	}
	for _, o := range found[1:] {
		if o.s != found[0].s {
			return Shard{}, "", fmt.Errorf("conflicting shards: %s is shard %s, %s is shard %s", found[0].from, found[0].s, o.from, o.s)
		}
	}
	if shards != 0 && found[0].s.N != shards {
		return Shard{}, "", fmt.Errorf("conflicting shards: %s is one of %d, but --shards is %d", found[0].from, found[0].s.N, shards)
	}
	return found[0].s, found[0].from, nil
}

// slurmShard maps a Slurm array task to a shard: tasks min, min+step, ...
// are shards 0, 1, ... of SLURM_ARRAY_TASK_COUNT, so --array=0-2 and
// --array=1-3 both make shards 0/3 to 2/3.
func slurmShard(env ShardEnv) (Shard, string, error) {
	num := func(name, v, def string) (int, error) {
		if v == "" {
			v = def
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("%s=%q is not a number", name, v)
		}
		return n, nil
	}
	id, err := num("SLURM_ARRAY_TASK_ID", env.SlurmTaskID, "")
	if err != nil {
		return Shard{}, "", err
	}
	if env.SlurmTaskCount == "" {
		return Shard{}, "", fmt.Errorf("SLURM_ARRAY_TASK_ID=%d is set without SLURM_ARRAY_TASK_COUNT: run grade in an sbatch --array job", id)
	}
	count, err := num("SLURM_ARRAY_TASK_COUNT", env.SlurmTaskCount, "")
	if err == nil && (count < 1 || count > MaxShards) {
		err = fmt.Errorf("SLURM_ARRAY_TASK_COUNT=%d: the number of shards must be from 1 to %d", count, MaxShards)
	}
	if err != nil {
		return Shard{}, "", err
	}
	min, err := num("SLURM_ARRAY_TASK_MIN", env.SlurmTaskMin, "0")
	if err != nil {
		return Shard{}, "", err
	}
	step, err := num("SLURM_ARRAY_TASK_STEP", env.SlurmTaskStep, "1")
	if err == nil && step == 0 {
		err = fmt.Errorf("SLURM_ARRAY_TASK_STEP=0 is not a step")
	}
	if err != nil {
		return Shard{}, "", err
	}
	from := fmt.Sprintf("SLURM_ARRAY_TASK_ID=%d of SLURM_ARRAY_TASK_COUNT=%d", id, count)
	if id < min || (id-min)%step != 0 || (id-min)/step >= count {
		return Shard{}, "", fmt.Errorf("%s (from %d, step %d) is not one of %d evenly spaced tasks: use sbatch --array=0-%d", from, min, step, count, count-1)
	}
	return Shard{(id - min) / step, count}, from, nil
}
