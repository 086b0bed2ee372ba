package homework

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestShardOfGolden pins the documented split: the values were worked out
// apart from this code, with sha256sum and Python
// (int(hex[:16], 16) % n), so that a change of rule cannot pass unseen:
// shard gradebooks made before it would no longer merge into one class.
func TestShardOfGolden(t *testing.T) {
	for _, tc := range []struct {
		id     string
		n3, n7 int
	}{
		{"ada", 2, 5},  // fdee430d40bd57de
		{"bob", 2, 1},  // 81b637d8fcd2c6da
		{"s1", 0, 3},   // e8bc163c82eee187
		{"s119", 0, 1}, // 82acce7f38ee7603
		{"grace.hopper@example.org", 2, 4},
		{"12345", 2, 6},
		{"Ada", 2, 5}, // normalised first: the same student as ada
	} {
		if got := ShardOf(tc.id, 3); got != tc.n3 {
			t.Errorf("ShardOf(%q, 3) = %d, want %d", tc.id, got, tc.n3)
		}
		if got := ShardOf(tc.id, 7); got != tc.n7 {
			t.Errorf("ShardOf(%q, 7) = %d, want %d", tc.id, got, tc.n7)
		}
		if got := ShardOf(tc.id, 1); got != 0 {
			t.Errorf("ShardOf(%q, 1) = %d, want 0", tc.id, got)
		}
	}
}

// TestShardSpread: a class of 3000 sequential IDs splits evenly, and every
// student is in exactly one shard.
func TestShardSpread(t *testing.T) {
	const students = 3000
	for _, n := range []int{2, 3, 8, 30} {
		counts := make([]int, n)
		for i := range students {
			id := fmt.Sprintf("s%04d", i)
			in := 0
			for k := range n {
				if (Shard{k, n}).Has(id) {
					in++
					counts[k]++
				}
			}
			if in != 1 {
				t.Fatalf("%s is in %d of %d shards", id, in, n)
			}
		}
		// Binomial spread: 5 standard deviations either side of even.
		mean := float64(students) / float64(n)
		sd := math.Sqrt(mean * (1 - 1/float64(n)))
		for k, c := range counts {
			if d := float64(c) - mean; d > 5*sd || d < -5*sd {
				t.Errorf("%d shards: shard %d has %d students, expected about %.0f", n, k, c, mean)
			}
		}
	}
}

func TestParseShard(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Shard
		err  string
	}{
		{"0/3", Shard{0, 3}, ""},
		{"2/3", Shard{2, 3}, ""},
		{"0/1", Shard{0, 1}, ""},
		{"3/3", Shard{}, "numbered from 0, so K is at most 2 (0/3 to 2/3)"},
		{"-1/3", Shard{}, "K must be a number from 0 to 2"},
		{"1/0", Shard{}, "must be from 1 to 10000"},
		{"1", Shard{}, "is not K/N"},
		{"a/b", Shard{}, "must be from 1 to 10000"},
	} {
		got, err := ParseShard(tc.in)
		if !errMatches(err, tc.err) || got != tc.want {
			t.Errorf("ParseShard(%q) = %v, %v; want %v, error with %q", tc.in, got, err, tc.want, tc.err)
		}
	}
}

func TestResolveShard(t *testing.T) {
	for _, tc := range []struct {
		name   string
		flag   string
		shards int
		env    ShardEnv
		want   Shard
		from   string
		err    string
	}{
		{name: "none", want: Shard{}},
		{name: "shards 1 alone is the class", shards: 1, want: Shard{}},
		{name: "flag", flag: "1/4", want: Shard{1, 4}, from: "--shard 1/4"},
		{name: "flag and shards agree", flag: "1/4", shards: 4, want: Shard{1, 4}},
		{name: "flag and shards differ", flag: "1/4", shards: 3, err: "--shard 1/4 is one of 4, but --shards is 3"},
		{name: "shards without index", shards: 3, err: "--shards 3 needs the shard too"},
		{name: "kubernetes", shards: 3, env: ShardEnv{JobCompletionIndex: "2"}, want: Shard{2, 3}, from: "JOB_COMPLETION_INDEX=2 of --shards 3"},
		{name: "kubernetes without shards", env: ShardEnv{JobCompletionIndex: "0"}, err: "pass --shards N"},
		{name: "kubernetes index too big", shards: 3, env: ShardEnv{JobCompletionIndex: "3"}, err: "JOB_COMPLETION_INDEX=3 is not below the number of shards, 3"},
		{name: "kubernetes index not a number", shards: 3, env: ShardEnv{JobCompletionIndex: "x"}, err: `JOB_COMPLETION_INDEX="x" is not an index`},
		{name: "kubernetes and flag differ", flag: "0/3", env: ShardEnv{JobCompletionIndex: "1"}, err: "conflicting shards: --shard 0/3 is shard 0/3, JOB_COMPLETION_INDEX=1 of --shards 3 is shard 1/3"},
		{name: "kubernetes and flag agree", flag: "1/3", env: ShardEnv{JobCompletionIndex: "1"}, want: Shard{1, 3}},
		{name: "slurm from 0", env: ShardEnv{SlurmTaskID: "2", SlurmTaskCount: "3", SlurmTaskMin: "0"}, want: Shard{2, 3}, from: "SLURM_ARRAY_TASK_ID=2 of SLURM_ARRAY_TASK_COUNT=3"},
		{name: "slurm from 1", env: ShardEnv{SlurmTaskID: "1", SlurmTaskCount: "3", SlurmTaskMin: "1"}, want: Shard{0, 3}},
		{name: "slurm with a step", env: ShardEnv{SlurmTaskID: "5", SlurmTaskCount: "3", SlurmTaskMin: "1", SlurmTaskStep: "2"}, want: Shard{2, 3}},
		{name: "slurm without min", env: ShardEnv{SlurmTaskID: "1", SlurmTaskCount: "2"}, want: Shard{1, 2}},
		{name: "slurm off the step", env: ShardEnv{SlurmTaskID: "4", SlurmTaskCount: "3", SlurmTaskMin: "1", SlurmTaskStep: "2"}, err: "is not one of 3 evenly spaced tasks: use sbatch --array=0-2"},
		{name: "slurm beyond count", env: ShardEnv{SlurmTaskID: "7", SlurmTaskCount: "3", SlurmTaskMin: "0"}, err: "SLURM_ARRAY_TASK_ID=7 of SLURM_ARRAY_TASK_COUNT=3 (from 0, step 1) is not one of 3"},
		{name: "slurm without count", env: ShardEnv{SlurmTaskID: "1"}, err: "without SLURM_ARRAY_TASK_COUNT"},
		{name: "slurm count zero", env: ShardEnv{SlurmTaskID: "0", SlurmTaskCount: "0"}, err: "SLURM_ARRAY_TASK_COUNT=0: the number of shards"},
		{name: "slurm id not a number", env: ShardEnv{SlurmTaskID: "one", SlurmTaskCount: "3"}, err: `SLURM_ARRAY_TASK_ID="one" is not a number`},
		{name: "slurm and shards differ", shards: 4, env: ShardEnv{SlurmTaskID: "1", SlurmTaskCount: "3"}, err: "SLURM_ARRAY_TASK_COUNT=3, but --shards is 4"},
		{name: "slurm and kubernetes differ", shards: 3, env: ShardEnv{JobCompletionIndex: "0", SlurmTaskID: "1", SlurmTaskCount: "3"}, err: "conflicting shards"},
		{name: "bad flag", flag: "3/3", err: "K is at most 2"},
		{name: "bad shards", shards: -1, err: "--shards -1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, from, err := ResolveShard(tc.flag, tc.shards, tc.env)
			if !errMatches(err, tc.err) || got != tc.want || tc.from != "" && from != tc.from {
				t.Errorf("ResolveShard = %v, %q, %v; want %v, %q, error with %q", got, from, err, tc.want, tc.from, tc.err)
			}
		})
	}
}

func errMatches(err error, want string) bool {
	if want == "" {
		return err == nil
	}
	return err != nil && strings.Contains(err.Error(), want)
}
