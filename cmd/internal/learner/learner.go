// Package learner holds the learner's commands: the interactive session
// (start, assignment), watch, and the plain commands (list, next, show,
// answer, check, hint, give-up, solution, quiz, review, progress, reset,
// submit).
package learner

import "github.com/asynclings/asynclings/cmd/internal/base"

// app is the run, with this package's commands as its methods.
type app struct{ *base.App }

// The commands' Run, for the command table.
var (
	Start      = base.Method((*app).cmdStart)
	List       = base.Method((*app).cmdList)
	Next       = base.Method((*app).cmdNext)
	Show       = base.Method((*app).cmdShow)
	Answer     = base.Method((*app).cmdAnswer)
	Check      = base.Method((*app).cmdCheck)
	Hint       = base.Method((*app).cmdHint)
	GiveUp     = base.Method((*app).cmdGiveUp)
	Solution   = base.Method((*app).cmdSolution)
	Watch      = base.Method((*app).cmdWatch)
	Quiz       = base.Method((*app).cmdQuiz)
	Progress   = base.Method((*app).cmdProgress)
	Review     = base.Method((*app).cmdReview)
	Reset      = base.Method((*app).cmdReset)
	Assignment = base.Method((*app).cmdAssignment)
	Submit     = base.Method((*app).cmdSubmit)
)
