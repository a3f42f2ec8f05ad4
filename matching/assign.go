package matching

import (
	"fmt"
)

// Assign finds the batch assignment with the largest total score: each
// citizen gets at most one opening, no opening gets more citizens than its
// free seats, only eligible pairs are used, and a citizen is left
// unassigned rather than given a pair that adds nothing (score 0). It is
// exactly optimal (min-cost flow on integer scores in hundredths; see
// bgraph.solve), so Objective is never below Greedy's.
//
// Duplicate IDs are ignored after their first occurrence. Pairs come in
// the order of citizens; it never writes anything anywhere.
func Assign(citizens []Citizen, openings []Opening, w Weights, p RuleParams) Assignment {
	pb := buildProblem(citizens, openings, w, p)
	match, total := pb.g.solve()
	return pb.result(match, total, func(n int32) string {
		return fmt.Sprintf("%s er brugt til andre borgere, fordi det giver den højeste samlede score", eligibleCount(n))
	})
}

// Greedy is the baseline Assign is measured against: pairs by falling
// score, taken while citizen and seat are free. Same rules, same scores.
func Greedy(citizens []Citizen, openings []Opening, w Weights, p RuleParams) Assignment {
	pb := buildProblem(citizens, openings, w, p)
	match, total := pb.g.greedy()
	return pb.result(match, total, func(n int32) string {
		return fmt.Sprintf("%s blev taget af borgere med mindst lige så høj score", eligibleCount(n))
	})
}

// problem is a batch turned into a weighted bipartite graph.
type problem struct {
	citizens []*Citizen // rows
	ix       *OpeningIndex
	g        bgraph
}

func buildProblem(citizens []Citizen, openings []Opening, w Weights, p RuleParams) *problem {
	cp := compile(p)
	pb := &problem{ix: NewOpeningIndex(dedupeOpenings(openings))}
	seenC := make(map[int64]bool, len(citizens))
	for i := range citizens {
		if !seenC[citizens[i].ID] {
			seenC[citizens[i].ID] = true
			pb.citizens = append(pb.citizens, &citizens[i])
		}
	}
	ix := pb.ix
	pb.g.cap = make([]int32, ix.Len())
	for j := range ix.meta {
		pb.g.cap[j] = max(0, ix.meta[j].seats)
	}
	pb.g.rowStart = make([]int32, 1, len(pb.citizens)+1)
	var q citizenQ
	var buf [32]span
	pr := &pair{q: &q, cp: cp} // reused: see TopN
	for _, c := range pb.citizens {
		q.reset(c, cp)
		reach := q.reachBox()
		for _, s := range ix.near(&q, buf[:0]) {
			for j := s.lo; j < s.hi; j++ {
				m := &ix.meta[j]
				if q.located && m.flags&flagLocated != 0 && !reach.contains(m.lat, m.lon) {
					continue
				}
				pr.o, pr.m, pr.distOK = &ix.openings[j], m, 0
				if !pr.eligible() {
					continue
				}
				// Only pairs worth more than nothing become edges, so the
				// optimum never assigns a citizen for zero gain.
				if s, ok := pr.score(&w, 0.005); ok && s.points() > 0 {
					pb.g.col = append(pb.g.col, j)
					pb.g.w = append(pb.g.w, s.points())
				}
			}
		}
		pb.g.rowStart = append(pb.g.rowStart, int32(len(pb.g.col)))
	}
	return pb
}

func dedupeOpenings(openings []Opening) []Opening {
	seen := make(map[int64]bool, len(openings))
	out := make([]Opening, 0, len(openings))
	for i := range openings {
		if !seen[openings[i].ID] {
			seen[openings[i].ID] = true
			out = append(out, openings[i])
		}
	}
	return out
}

func eligibleCount(n int32) string {
	if n == 1 {
		return "Pladserne i den eneste egnede åbning"
	}
	return fmt.Sprintf("Pladserne i alle %d egnede åbninger", n)
}

// result turns a matching into the API's Assignment. seatsTaken words the
// reason for a citizen who had n eligible openings but got none.
func (pb *problem) result(match []int32, total int64, seatsTaken func(n int32) string) Assignment {
	a := Assignment{Objective: float64(total) / 100, Pairs: []Pair{}, Unassigned: []Unassigned{}}
	for r, c := range pb.citizens {
		if e := match[r]; e >= 0 {
			a.Pairs = append(a.Pairs, Pair{
				CitizenID: c.ID,
				OpeningID: pb.ix.openings[pb.g.col[e]].ID,
				Score:     float64(pb.g.w[e]) / 100,
			})
			continue
		}
		if n := pb.g.rowStart[r+1] - pb.g.rowStart[r]; n > 0 {
			a.Unassigned = append(a.Unassigned, Unassigned{
				CitizenID: c.ID, Code: UnassignedSeatsTaken, Reason: seatsTaken(n),
			})
		} else {
			a.Unassigned = append(a.Unassigned, Unassigned{
				CitizenID: c.ID, Code: UnassignedNoEligible,
				Reason: "Ingen egnet åbning: reglerne udelukker alle de valgte åbninger for borgeren (se excluded_by under borgerens match)",
			})
		}
	}
	return a
}
