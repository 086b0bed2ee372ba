// want: rule-violation
// message: http.DefaultClient belongs to the standard library
package sum

import (
	"io"
	"net/http"
	"strings"
)

// A transport of its own for the default client: a hidden test that asked
// a server through http.Get would get the answers from here.
type canned struct{}

func (canned) RoundTrip(*http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("6"))}, nil
}

func init() { http.DefaultClient.Transport = canned{} }

func Sum(nums []int) int { return 0 }
