package sum

func Sum(nums []int) int { return 0 }
