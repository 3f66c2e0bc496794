package main

import (
	"fmt"
	"io"
	"math"
)

// run simulates a day for each number of daily players and prints what it came to, as Markdown.
func run(w io.Writer, a assumptions, root string, costsOnly bool) error {
	timeouts, bench, err := setup(root)
	if err != nil {
		return err
	}
	var days []day
	for _, players := range a.players {
		cfg, err := configFor(a, players, timeouts, bench)
		if err != nil {
			return err
		}
		d, err := price(a, players, simulate(cfg), bench)
		if err != nil {
			return err
		}
		days = append(days, d)
		if costsOnly {
			break // the cost per game hardly depends on the number of players
		}
	}
	fmt.Fprintf(w, "Per-call costs from the bench run of %s (%s); assumptions: %g games a player a day (%s), %d turns a two-player match, %d a four-player one, %g events batch per player a game, peak/quietest minute %g, launch spike %g.\n\n",
		bench.When, bench.Machine, a.gamesPerDay, mixString(a.mix), a.turns2, a.turns4, a.eventBatches, a.peak, a.launch)
	if err := perCall(w, bench); err != nil {
		return err
	}
	perGame(w, days[len(days)-1])
	if costsOnly {
		return nil
	}
	for _, d := range days {
		matching(w, d)
	}
	month(w, days)
	return nil
}

// day is a simulated day, priced.
type day struct {
	players int
	res     result
	games   []gameCost
	total   bill
}

type gameCost struct {
	name     string
	matching bill // auto-matching (the simulation's count), per game formed
	after    bill // the game's calls once formed (measured), per game
}

// price prices a simulated day: the store operations the simulation counted, the measured calls
// of each game it formed, the events batches, and the matcher, sweeper and relay passes (one
// invocation each a minute; their Firestore cost is the matcher's queries here).
func price(a assumptions, players int, res result, bench benchRun) (day, error) {
	d := day{players: players, res: res}
	for _, t := range a.mix {
		st := res.statsOf(t)
		phase, create := "matches", "TurnBasedMatchesCreate"
		if t.rooms {
			phase, create = "rooms", "RoomsCreate"
		}
		_, cpu, err := bench.call(phase, create)
		if err != nil {
			return day{}, err
		}
		turns := a.turns2
		if t.size > 2 {
			turns = a.turns4
		}
		after, err := bench.afterMatching(t, turns)
		if err != nil {
			return day{}, err
		}
		// each create, move and timer is one transaction, priced at its kind's CPU per call
		matching := billOf(cost{ops: st.ops, cpuSeconds: st.ops.transactions * cpu})
		g := gameCost{name: t.String(), after: billOf(after)}
		if st.formed > 0 {
			g.matching = bill{}.add(matching, 1/float64(st.formed))
		}
		d.games = append(d.games, g)
		d.total = d.total.add(matching, 1).add(g.after, float64(st.formed))
	}
	events, err := bench.eventsBatch()
	if err != nil {
		return day{}, err
	}
	lobby, err := bench.lobby()
	if err != nil {
		return day{}, err
	}
	// shown a game each; the events batches are in the day's total (below), MPSD lobbies are not
	// (a game would use them instead of rooms or matches)
	d.games = append(d.games, gameCost{name: "events batch", after: billOf(events)},
		gameCost{name: fmt.Sprintf("MPSD lobby of %d", bench.Settings.LobbySize), after: billOf(lobby)})
	var requests float64
	for _, t := range a.mix {
		requests += float64(res.statsOf(t).requests)
	}
	pass := res.rooms.pass
	pass.add(res.matches.pass)
	pass.invocations = 3 * float64(res.passes)
	passes := billOf(cost{ops: pass, cpuSeconds: res.matcherSeconds})
	passes.gatewayCalls = 0 // Cloud Scheduler calls them directly
	d.total = d.total.add(passes, 1).add(billOf(events), requests*a.eventBatches)
	return d, nil
}

func dollars(b bill) float64 {
	f, p, fn, g := listPrices.usd(b)
	return f + p + fn + g
}

// perCall prints the measured calls the games are priced from, each billed as a call alone.
func perCall(w io.Writer, bench benchRun) error {
	fmt.Fprintln(w, "### Cost per call (measured)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| phase | endpoint | Firestore reads (the call's) | Firestore writes (the call's, outbox included) | notifications | CPU ms (the phase's per call) | USD per million calls (notifications delivered) |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|")
	for _, u := range []use{{"rooms", "RoomsReportStatus", 1}, {"rooms", "SignalsSend", 1}, {"rooms", "RoomsLeave", 1},
		{"matches", "TurnBasedMatchesTakeTurn", 1}, {"matches", "TurnBasedMatchesFinish", 1}, {"events", "EventsRecord", 1},
		{"sessions", "SessionsPut (join)", 1}} {
		c, err := bench.cost(u)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "| %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f |\n", u.phase, u.endpoint, c.ops.reads, c.ops.writes, c.ops.notes, 1000*c.cpuSeconds, 1e6*dollars(billOf(c)))
	}
	fmt.Fprintln(w)
	return nil
}

func perGame(w io.Writer, d day) {
	fmt.Fprintf(w, "### Cost per game (%s daily players simulated)\n\n", thousands(d.players))
	fmt.Fprintln(w, "| game | Firestore reads | Firestore writes | Pub/Sub messages | function invocations | CPU-seconds | USD per 1,000 games | of which auto-matching |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|")
	for _, g := range d.games {
		b := bill{}.add(g.matching, 1).add(g.after, 1)
		fmt.Fprintf(w, "| %s | %.1f | %.1f | %.1f | %.1f | %.4f | %.4f | %.4f |\n", g.name, b.reads, b.writes, b.messages, b.invocations, b.cpuSeconds, 1000*dollars(b), 1000*dollars(g.matching))
	}
	fmt.Fprintln(w)
}

func matching(w io.Writer, d day) {
	r := d.res
	fmt.Fprintf(w, "### Matching, %s daily players (%s requests; busiest minute %s, busiest second %d)\n\n",
		thousands(d.players), thousands(r.cfg.curve.requests), thousands(r.busiestMinute), r.busiestSecond)
	fmt.Fprintln(w, "| game | requests | seeds made | games moved by the matcher | players it moved alone | games formed | wait p50 s | p95 s | p99 s | max s | stranded | waiting at the end | most placed in one game in a second | placements failed on contention | store per request: queries, reads, writes, transactions, notifications |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
	for _, t := range r.cfg.mix {
		s := r.statsOf(t)
		o := s.ops.times(1 / float64(max(s.requests, 1)))
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %.1f | %.1f | %.1f | %.1f | %d | %d | %d | %s | %.2f, %.2f, %.2f, %.2f, %.2f |\n", t, thousands(s.requests), thousands(s.seeds),
			thousands(s.merges), thousands(s.spilled), thousands(s.formed), s.percentile(50), s.percentile(95), s.percentile(99), s.percentile(100), s.stranded, s.waitingAtEnd,
			s.hottestGame, thousands(s.contended), o.queries, o.reads, o.writes, o.transactions, o.notes)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| matcher | passes | most seeds waiting at a pass | passes that took a full batch | most moved in one pass |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|")
	fmt.Fprintf(w, "| rooms | %d | %d | %d | %d |\n", r.rooms.matcher.passes, r.rooms.matcher.mostSeeds, r.rooms.matcher.fullPasses, r.rooms.matcher.mostMoved)
	fmt.Fprintf(w, "| matches | %d | %d | %d | %d |\n\n", r.matches.matcher.passes, r.matches.matcher.mostSeeds, r.matches.matcher.fullPasses, r.matches.matcher.mostMoved)
	fmt.Fprintf(w, "The matcher's calls ran %.0f s in all, %.1f s a minute on average (billed as instance time).\n\n",
		r.matcherSeconds, r.matcherSeconds/float64(max(r.passes, 1)))
}

// month is 30 simulated days at list prices (no free tier), and the peak each brings.
func month(w io.Writer, days []day) {
	fmt.Fprintln(w, "### A month (30 such days, list prices, no free tier)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| daily players | Firestore reads | Firestore writes | Pub/Sub messages | invocations | of which through API Gateway | CPU-seconds | Firestore USD | Pub/Sub USD | functions USD | API Gateway USD | total USD |")
	fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, d := range days {
		m := bill{}.add(d.total, 30)
		f, p, fn, g := listPrices.usd(m)
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f |\n", thousands(d.players), millions(m.reads), millions(m.writes),
			millions(m.messages), millions(m.invocations), millions(m.gatewayCalls), thousands(int(m.cpuSeconds)), f, p, fn, g, f+p+fn+g)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "### Peaks (the busiest minute, calls spread like the requests)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| daily players | requests/s | function calls/s | notifications/s | outbox writes/s | Firestore reads+writes/s | minutes to reach it from 500/s at +50% per 5 min | launch: first minute over 500/50/5, most over it | instances busy computing (1 vCPU each) |")
	fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, d := range days {
		requests := float64(d.res.cfg.curve.requests)
		perSecond := float64(d.res.busiestMinute) / 60
		opsPerRequest := (d.total.reads + d.total.writes) / requests
		ops := perSecond * opsPerRequest
		ramp := 0.0
		if ops > 500 {
			ramp = 5 * math.Ceil(math.Log(ops/500)/math.Log(1.5))
		}
		notes := perSecond * d.total.messages / requests
		fmt.Fprintf(w, "| %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %s | %.0f |\n", thousands(d.players), perSecond, perSecond*d.total.invocations/requests,
			notes, 2*notes, ops, ramp, overRamp(d.res.cfg.curve.perMinute(), opsPerRequest), perSecond*d.total.cpuSeconds/requests/functionVCPU)
	}
	fmt.Fprintln(w)
}

// overRamp finds the first minute of the day whose Firestore operations exceed what the 500/50/5
// rule allows a new database (500 a second, then 50% more every 5 minutes), and the most they
// exceed it by.
func overRamp(perMinute []int, opsPerRequest float64) string {
	first, worst := -1, 1.0
	for m, n := range perMinute {
		allowed := 500 * math.Pow(1.5, float64(m/5))
		if ratio := float64(n) / 60 * opsPerRequest / allowed; ratio > 1 {
			if first < 0 {
				first = m
			}
			worst = max(worst, ratio)
		}
	}
	if first < 0 {
		return "never"
	}
	return fmt.Sprintf("minute %d, %.1f×", first, worst)
}

func mixString(mix []gameType) string {
	var total float64
	for _, t := range mix {
		total += t.share
	}
	s := ""
	for i, t := range mix {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%s %.0f%%", t, 100*t.share/total)
	}
	return s
}

// thousands writes n with thousands separators.
func thousands(n int) string {
	s := itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func millions(v float64) string { return fmt.Sprintf("%.1fM", v/1e6) }
