// loadgen sends AdmissionReview bodies at a fixed rate (open loop: each request has a scheduled start time and its
// latency is counted from that time, so a stalled server cannot hide its backlog), for a bounded duration, and
// prints per-interval request counts, errors, p50/p99/max latency and the server's resident set size.
//
//	go run ./loadgen -url https://127.0.0.1:8446/mutate -dir PAYLOADS -rate 500 -duration 10m -pid PID
//	go run ./loadgen ... -phases 300:20s,1200:10s,300:20s   (open loop, the rate changing by phase)
//	go run ./loadgen ... -closed 32 -duration 10s          (closed loop: 32 workers back to back; capacity)
package main

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

type sample struct {
	latency time.Duration
	ok      bool
}

func main() {
	url := flag.String("url", "https://127.0.0.1:8446/mutate", "webhook URL")
	dir := flag.String("dir", "", "directory of AdmissionReview bodies (*.json, not *.expected.json), sent round-robin")
	rate := flag.Float64("rate", 500, "requests per second")
	duration := flag.Duration("duration", 10*time.Minute, "how long to send")
	interval := flag.Duration("interval", time.Minute, "reporting interval")
	conns := flag.Int("conns", 32, "at most this many connections")
	maxInFlight := flag.Int("max-in-flight", 2000, "requests in flight beyond this count as errors (not sent)")
	cacert := flag.String("cacert", "", "CA certificate; empty: do not verify")
	pid := flag.Int("pid", 0, "server process id, for RSS per interval")
	timeout := flag.Duration("timeout", 5*time.Second, "per-request timeout (counts as an error)")
	newConnEvery := flag.Int64("new-conn-every", 0, "N>0: every Nth request closes its connection (forces TLS handshakes)")
	phasesFlag := flag.String("phases", "", "open loop by phases, RATE:DURATION,... (overrides -rate and -duration)")
	closed := flag.Int("closed", 0, "N>0: closed loop, N workers sending back to back for -duration (ignores -rate)")
	flag.Parse()
	phases := parsePhases(*phasesFlag, *rate, *duration)
	*duration = 0
	for _, p := range phases {
		*duration += p.d
	}

	bodies := load(*dir)
	tlsConf := &tls.Config{InsecureSkipVerify: *cacert == ""}
	if *cacert != "" {
		pem, err := os.ReadFile(*cacert)
		must(err)
		pool := x509.NewCertPool()
		pool.AppendCertsFromPEM(pem)
		tlsConf.RootCAs = pool
	}
	tr := &http.Transport{TLSClientConfig: tlsConf, MaxIdleConns: *conns, MaxIdleConnsPerHost: *conns,
		MaxConnsPerHost: *conns, IdleConnTimeout: 90 * time.Second}
	client := &http.Client{Timeout: *timeout, Transport: tr}

	var mu sync.Mutex
	var window []sample
	var inFlight int64
	var wg sync.WaitGroup
	var total, errors, shed int64
	var allLat []time.Duration
	errorKinds := map[string]int{}

	record := func(s sample, kind string) {
		mu.Lock()
		window = append(window, s)
		allLat = append(allLat, s.latency)
		if !s.ok {
			errorKinds[kind]++
		}
		mu.Unlock()
	}

	fmt.Printf("# %s: %.0f req/s for %s over %d bodies from %s, <= %d connections\n",
		time.Now().UTC().Format(time.RFC3339), *rate, *duration, len(bodies), *dir, *conns)
	fmt.Printf("%-8s %8s %7s %9s %9s %9s %10s %9s\n", "t", "requests", "errors", "p50_ms", "p99_ms", "max_ms", "rss_MB", "ok_p99_ms")
	start := time.Now()
	nextReport := start.Add(*interval)
	var firstRSS, lastRSS float64
	report := func(now time.Time) {
		mu.Lock()
		w := window
		window = nil
		mu.Unlock()
		lat := make([]time.Duration, 0, len(w))
		errs := 0
		for _, s := range w {
			lat = append(lat, s.latency)
			if !s.ok {
				errs++
			}
		}
		okLat := make([]time.Duration, 0, len(w))
		for _, s := range w {
			if s.ok {
				okLat = append(okLat, s.latency)
			}
		}
		sort.Slice(okLat, func(i, j int) bool { return okLat[i] < okLat[j] })
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		rss := rssMB(*pid)
		if firstRSS == 0 {
			firstRSS = rss
		}
		lastRSS = rss
		fmt.Printf("%-8s %8d %7d %9.3f %9.3f %9.3f %10.1f %9.3f\n", now.Sub(start).Round(time.Second), len(w), errs,
			ms(pct(lat, 50)), ms(pct(lat, 99)), ms(pct(lat, 100)), rss, ms(pct(okLat, 99)))
	}
	// send runs one request; the caller has counted it (total, inFlight, wg) before starting it.
	send := func(i int64, due time.Time) {
		close := *newConnEvery > 0 && i%*newConnEvery == 0
		body := bodies[i%int64(len(bodies))]
		defer wg.Done()
		defer atomic.AddInt64(&inFlight, -1)
		kind := ""
		req, err := http.NewRequest("POST", *url, bytes.NewReader(body))
		must(err)
		req.Header.Set("Content-Type", "application/json")
		req.Close = close
		resp, err := client.Do(req)
		if err != nil {
			kind = "transport: " + firstLine(err.Error())
		} else {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				kind = fmt.Sprintf("HTTP %d", resp.StatusCode)
			} else if !bytes.Contains(b, []byte(`"allowed":true`)) {
				kind = "not allowed"
			}
		}
		if kind != "" {
			atomic.AddInt64(&errors, 1)
		}
		record(sample{time.Since(due), kind == ""}, kind)
	}
	if *closed > 0 {
		var next int64 = -1
		stop := start.Add(*duration)
		var workers sync.WaitGroup
		for w := 0; w < *closed; w++ {
			workers.Add(1)
			go func() {
				defer workers.Done()
				for time.Now().Before(stop) {
					atomic.AddInt64(&total, 1)
					atomic.AddInt64(&inFlight, 1)
					wg.Add(1)
					send(atomic.AddInt64(&next, 1), time.Now())
				}
			}()
		}
		for now := time.Now(); now.Before(stop); now = time.Now() {
			time.Sleep(time.Until(nextReport))
			if now = time.Now(); !now.Before(nextReport) && now.Before(stop) {
				report(now)
				nextReport = nextReport.Add(*interval)
			}
		}
		workers.Wait()
	}
	var i int64
	phaseStart := start
	for _, ph := range phases {
		if *closed > 0 {
			break
		}
		period := time.Duration(float64(time.Second) / ph.rate)
		for k := int64(0); ; k++ {
			due := phaseStart.Add(time.Duration(k) * period)
			if due.Sub(phaseStart) >= ph.d {
				break
			}
			if d := time.Until(due); d > 0 {
				time.Sleep(d)
			}
			if now := time.Now(); !now.Before(nextReport) {
				report(now)
				nextReport = nextReport.Add(*interval)
			}
			if atomic.LoadInt64(&inFlight) >= int64(*maxInFlight) {
				atomic.AddInt64(&total, 1)
				atomic.AddInt64(&shed, 1)
				atomic.AddInt64(&errors, 1)
				record(sample{time.Since(due), false}, "not sent: too many in flight")
				i++
				continue
			}
			atomic.AddInt64(&total, 1)
			atomic.AddInt64(&inFlight, 1)
			wg.Add(1)
			go send(i, due)
			i++
		}
		phaseStart = phaseStart.Add(ph.d)
	}
	wg.Wait()
	report(time.Now())
	sort.Slice(allLat, func(i, j int) bool { return allLat[i] < allLat[j] })
	elapsed := time.Since(start)
	fmt.Printf("SUMMARY requests=%d errors=%d shed=%d achieved_rps=%.1f p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f rss_first_MB=%.1f rss_last_MB=%.1f\n",
		total, errors, shed, float64(total)/elapsed.Seconds(), ms(pct(allLat, 50)), ms(pct(allLat, 99)),
		ms(pct(allLat, 99.9)), ms(pct(allLat, 100)), firstRSS, lastRSS)
	for k, v := range errorKinds {
		fmt.Printf("ERROR %dx %s\n", v, k)
	}
	if errors > 0 {
		os.Exit(1)
	}
}

type phase struct {
	rate float64
	d    time.Duration
}

func parsePhases(text string, rate float64, duration time.Duration) []phase {
	if text == "" {
		return []phase{{rate, duration}}
	}
	var out []phase
	for _, part := range strings.Split(text, ",") {
		var p phase
		rd := strings.SplitN(part, ":", 2)
		if len(rd) != 2 {
			must(fmt.Errorf("phase %q is not RATE:DURATION", part))
		}
		_, err := fmt.Sscanf(rd[0], "%g", &p.rate)
		must(err)
		p.d, err = time.ParseDuration(rd[1])
		must(err)
		out = append(out, p)
	}
	return out
}

func load(dir string) [][]byte {
	var bodies [][]byte
	entries, err := os.ReadDir(dir)
	must(err)
	for _, e := range entries {
		n := e.Name()
		if !e.Type().IsRegular() || !strings.HasSuffix(n, ".json") || strings.HasSuffix(n, ".expected.json") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, n))
		must(err)
		bodies = append(bodies, b)
	}
	if len(bodies) == 0 {
		must(fmt.Errorf("no *.json bodies in %s", dir))
	}
	return bodies
}

func pct(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p/100+0.5) - 1
	if i < 0 {
		i = 0
	}
	if i >= len(sorted) {
		i = len(sorted) - 1
	}
	return sorted[i]
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }

func rssMB(pid int) float64 {
	if pid == 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			var kb float64
			fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(line, "VmRSS:")), "%f", &kb)
			return kb / 1024
		}
	}
	return -1
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
