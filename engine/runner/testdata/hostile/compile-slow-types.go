// want: compile-error|rule-violation
package sum

// Types whose size doubles at each step: a compiler that laid them out or
// compared them naively would work forever.
type t0 struct{ a, b [1 << 10]int }
type t1 struct{ a, b t0 }
type t2 struct{ a, b t1 }
type t3 struct{ a, b t2 }
type t4 struct{ a, b t3 }
type t5 struct{ a, b t4 }
type t6 struct{ a, b t5 }
type t7 struct{ a, b t6 }
type t8 struct{ a, b t7 }
type t9 struct{ a, b t8 }
type t10 struct{ a, b t9 }
type t11 struct{ a, b t10 }
type t12 struct{ a, b t11 }
type t13 struct{ a, b t12 }
type t14 struct{ a, b t13 }
type t15 struct{ a, b t14 }
type t16 struct{ a, b t15 }
type t17 struct{ a, b t16 }
type t18 struct{ a, b t17 }
type t19 struct{ a, b t18 }

var x t19

func Sum(nums []int) int { return len(x.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a) + len(nums) - 1024 }
