// badinput posts every file of a directory to a running webhook and checks each answer: HTTP 400 with a
// metav1.Status message, or 200 with allowed=true, the request uid echoed and a JSON Patch that applies to the
// request's Pod. Never a 5xx, never a denial. Finally checks the readiness URL, if given.
//
//	go run ./badinput -url https://127.0.0.1:8446/mutate -dir DIR [-cacert ca.crt] [-ready http://127.0.0.1:9446/q/health/ready]
package main

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

func main() {
	url := flag.String("url", "https://127.0.0.1:8446/mutate", "webhook URL (loopback)")
	dir := flag.String("dir", "", "directory of request bodies (every regular file)")
	cacert := flag.String("cacert", "", "CA certificate; empty: do not verify")
	ready := flag.String("ready", "", "readiness URL checked after the corpus")
	timeout := flag.Duration("timeout", 30*time.Second, "per-request timeout")
	flag.Parse()
	tlsConf := &tls.Config{InsecureSkipVerify: *cacert == ""}
	if *cacert != "" {
		pem, err := os.ReadFile(*cacert)
		must(err)
		pool := x509.NewCertPool()
		pool.AppendCertsFromPEM(pem)
		tlsConf.RootCAs = pool
	}
	client := &http.Client{Timeout: *timeout, Transport: &http.Transport{TLSClientConfig: tlsConf}}
	entries, err := os.ReadDir(*dir)
	must(err)
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && !strings.HasSuffix(e.Name(), ".md") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	failed, n400, n200 := 0, 0, 0
	for _, name := range names {
		body, err := os.ReadFile(filepath.Join(*dir, name))
		must(err)
		status, answer, err := post(client, *url, body)
		verdict := ""
		if err != nil {
			verdict = "request failed: " + err.Error()
		} else {
			verdict = check(status, answer, body)
		}
		if verdict != "" {
			failed++
			fmt.Printf("FAIL %-50s %s\n", name, verdict)
		} else if status == 400 {
			n400++
			fmt.Printf("ok   %-50s 400 %s\n", name, short(message(answer)))
		} else {
			n200++
			fmt.Printf("ok   %-50s 200 allowed\n", name)
		}
	}
	if *ready != "" {
		resp, err := client.Get(*ready)
		if err != nil || resp.StatusCode != 200 {
			failed++
			fmt.Printf("FAIL readiness after the corpus: %v %v\n", err, resp)
		} else {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			fmt.Printf("ok   readiness after the corpus: %s\n", short(string(b)))
		}
	}
	fmt.Printf("%d bodies: %d answered 400, %d allowed, %d failed\n", len(names), n400, n200, failed)
	fmt.Printf("%d passed, %d failed\n", len(names)-failed+boolInt(*ready != "" && failed == 0), failed)
	if failed > 0 {
		os.Exit(1)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func post(c *http.Client, url string, body []byte) (int, []byte, error) {
	req, err := http.NewRequest("POST", url, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

func check(status int, answer, request []byte) string {
	var out map[string]any
	if status != 200 && status != 400 {
		return "HTTP " + strconv.Itoa(status) + ": " + short(string(answer))
	}
	if err := json.Unmarshal(answer, &out); err != nil {
		return "answer is not JSON: " + short(string(answer))
	}
	if status == 400 {
		if out["kind"] != "Status" || message(answer) == "" {
			return "400 without a Status message: " + short(string(answer))
		}
		return ""
	}
	resp, _ := out["response"].(map[string]any)
	if resp == nil || resp["allowed"] != true {
		return "200 but not allowed: " + short(string(answer))
	}
	uid, _ := resp["uid"].(string)
	if uid == "" {
		return "no uid in the response"
	}
	var review map[string]any
	if json.Unmarshal(request, &review) == nil {
		if r, ok := review["request"].(map[string]any); ok {
			if want, ok := r["uid"].(string); ok && want != uid {
				return fmt.Sprintf("uid %q echoed as %q", want, uid)
			}
		}
	}
	p, hasPatch := resp["patch"].(string)
	if hasPatch != (resp["patchType"] != nil) {
		return "patch and patchType must come together"
	}
	if !hasPatch {
		return ""
	}
	raw, err := base64.StdEncoding.DecodeString(p)
	if err != nil {
		return "patch is not base64"
	}
	var ops []map[string]any
	if err := json.Unmarshal(raw, &ops); err != nil {
		return "patch is not a JSON array: " + short(string(raw))
	}
	r, _ := review["request"].(map[string]any)
	if r == nil {
		return ""
	}
	pod, ok := r["object"].(map[string]any)
	if !ok {
		return ""
	}
	for _, op := range ops {
		if op["op"] != "add" {
			return "unexpected op " + fmt.Sprint(op["op"])
		}
		path, _ := op["path"].(string)
		if err := add(pod, path, op["value"]); err != nil {
			return "patch does not apply: " + err.Error()
		}
	}
	return ""
}

// add applies an RFC 6902 "add" to doc (objects and arrays only, "-" appends).
func add(doc map[string]any, pointer string, value any) error {
	if !strings.HasPrefix(pointer, "/") {
		return fmt.Errorf("bad pointer %q", pointer)
	}
	tokens := strings.Split(pointer[1:], "/")
	for i := range tokens {
		tokens[i] = strings.ReplaceAll(strings.ReplaceAll(tokens[i], "~1", "/"), "~0", "~")
	}
	var parent any = doc
	for _, t := range tokens[:len(tokens)-1] {
		switch c := parent.(type) {
		case map[string]any:
			next, ok := c[t]
			if !ok {
				return fmt.Errorf("%s: %q missing", pointer, t)
			}
			parent = next
		case []any:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(c) {
				return fmt.Errorf("%s: bad index %q", pointer, t)
			}
			parent = c[i]
		default:
			return fmt.Errorf("%s: %q is not a container", pointer, t)
		}
	}
	last := tokens[len(tokens)-1]
	switch c := parent.(type) {
	case map[string]any:
		c[last] = value
		return nil
	case []any:
		if last != "-" {
			return fmt.Errorf("%s: only appends expected", pointer)
		}
		// re-link the grown slice into its parent
		grown := append(c, value)
		return add(doc, pointer[:strings.LastIndex(pointer, "/")], grown)
	default:
		return fmt.Errorf("%s: parent is not a container", pointer)
	}
}

func message(answer []byte) string {
	var s struct{ Message string }
	_ = json.Unmarshal(answer, &s)
	return s.Message
}

func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 160 {
		return s[:160] + "..."
	}
	return s
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
