package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

type resolver struct {
	src           string
	persesVersion string
}

var (
	moduleRe   = regexp.MustCompile(`(?m)^module:\s*"([^"]+)"`)
	languageRe = regexp.MustCompile(`(?s)language:\s*\{\s*version:\s*"([^"]+)"`)
	depRe      = regexp.MustCompile(`(?s)"([^"]+)@v\d+":\s*\{\s*v:\s*"([^"]+)"`)
)

// cueModule is what we need of a cue.mod/module.cue: CUE's own parser would
// pull in the whole CUE library for three fields.
type cueModule struct {
	module, language string
	deps             map[string]string // CUE module path without major suffix -> version
}

func readCueModule(dir string) (cueModule, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "cue.mod", "module.cue"))
	if err != nil {
		return cueModule{}, err
	}
	m := cueModule{deps: map[string]string{}}
	if x := moduleRe.FindSubmatch(raw); x != nil {
		m.module = string(x[1])
	}
	if x := languageRe.FindSubmatch(raw); x != nil {
		m.language = string(x[1])
	}
	if i := bytes.Index(raw, []byte("deps:")); i >= 0 {
		for _, x := range depRe.FindAllSubmatch(raw[i:], -1) {
			m.deps[string(x[1])] = string(x[2])
		}
	}
	return m, nil
}

// vendorCue writes target/cue.mod with the deps section dropped and every
// (transitive) CUE dependency copied to cue.mod/pkg/<path>, keeping for each
// path the highest version asked for, like a minimal version selection.
func (r *resolver) vendorCue(pluginDir, target string) error {
	root, err := readCueModule(pluginDir)
	if err != nil {
		return err
	}
	chosen := map[string]string{}
	queue := []map[string]string{root.deps}
	for len(queue) > 0 {
		deps := queue[0]
		queue = queue[1:]
		for p, v := range deps {
			if old, ok := chosen[p]; ok && compareSemver(old, v) >= 0 {
				continue
			}
			dir, _, err := r.cueDepDir(p, v)
			if err != nil {
				return fmt.Errorf("CUE dependency %s@%s: %w", p, v, err)
			}
			chosen[p] = v
			if m, err := readCueModule(dir); err == nil {
				queue = append(queue, m.deps)
			}
		}
	}
	mod := fmt.Sprintf("module: %q\nlanguage: version: %q\n", root.module, root.language)
	if err := os.MkdirAll(filepath.Join(target, "cue.mod"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(target, "cue.mod", "module.cue"), []byte(mod), 0o644); err != nil {
		return err
	}
	for p, v := range chosen {
		dir, got, _ := r.cueDepDir(p, v)
		if got != v {
			fmt.Printf("  note: %s@%s not served, using %s\n", p, v, got)
		}
		if err := copyDir(dir, filepath.Join(target, "cue.mod", "pkg", p)); err != nil {
			return err
		}
		_ = os.RemoveAll(filepath.Join(target, "cue.mod", "pkg", p, "cue.mod"))
	}
	return nil
}

// cueDepDir maps a CUE module to the Go module that carries it: plugin CUE
// modules sit at the root of their Go module, the others (perses/cue,
// shared/cue, spec/cue) in a sub-folder of the repository's root module.
func (r *resolver) cueDepDir(cuePath, version string) (string, string, error) {
	if strings.HasPrefix(cuePath, "github.com/perses/plugins/") {
		d, err := r.pluginDir(cuePath, version)
		if err != nil {
			// A plugin may pin another plugin's pre-release (DatasourceVariable
			// pins a Loki rc); the release beside it in -src serves the same CUE.
			if alt := r.highestInSrc(filepath.Base(cuePath)); alt != "" {
				return filepath.Join(r.src, filepath.Base(cuePath)+"@"+alt), alt, nil
			}
		}
		return d, version, err
	}
	parts := strings.SplitN(cuePath, "/", 4)
	if len(parts) < 4 {
		return "", "", fmt.Errorf("unexpected CUE module path")
	}
	goMod, sub := strings.Join(parts[:3], "/"), parts[3]
	d, err := goModDownload(goMod, version)
	if err != nil && (goMod == "github.com/perses/perses" || goMod == "github.com/perses/shared") && r.persesVersion != "" {
		// Release candidates of Perses (and of shared, released in step with
		// it) are not always served; the pinned release is.
		version = r.persesVersion
		d, err = goModDownload(goMod, version)
	}
	return filepath.Join(d, sub), version, err
}

func (r *resolver) pluginDir(modPath, version string) (string, error) {
	d, err := goModDownload(modPath, version)
	if err == nil {
		return d, nil
	}
	if r.src != "" {
		local := filepath.Join(r.src, filepath.Base(modPath)+"@"+version)
		if st, statErr := os.Stat(local); statErr == nil && st.IsDir() {
			return local, nil
		}
	}
	return "", err
}

func (r *resolver) highestInSrc(name string) string {
	if r.src == "" {
		return ""
	}
	matches, _ := filepath.Glob(filepath.Join(r.src, name+"@v*"))
	best := ""
	for _, m := range matches {
		v := strings.TrimPrefix(filepath.Base(m), name+"@")
		if best == "" || compareSemver(v, best) > 0 {
			best = v
		}
	}
	return best
}

func goModDownload(mod, version string) (string, error) {
	out, err := exec.Command("go", "mod", "download", "-json", mod+"@"+version).Output()
	var res struct{ Dir, Error string }
	_ = json.Unmarshal(out, &res)
	if res.Error != "" {
		return "", fmt.Errorf("%s", firstLine(res.Error))
	}
	if err != nil {
		return "", err
	}
	return res.Dir, nil
}

func firstLine(s string) string { return strings.SplitN(s, "\n", 2)[0] }

// compareSemver orders vMAJOR.MINOR.PATCH[-pre]; a release sorts after its
// pre-releases.
func compareSemver(a, b string) int {
	ca, pa, _ := strings.Cut(strings.TrimPrefix(a, "v"), "-")
	cb, pb, _ := strings.Cut(strings.TrimPrefix(b, "v"), "-")
	na, nb := strings.Split(ca, "."), strings.Split(cb, ".")
	for i := 0; i < 3; i++ {
		x, y := num(na, i), num(nb, i)
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	switch {
	case pa == pb:
		return 0
	case pa == "":
		return 1
	case pb == "":
		return -1
	}
	return strings.Compare(pa, pb)
}

func num(parts []string, i int) int {
	if i >= len(parts) {
		return 0
	}
	n, _ := strconv.Atoi(parts[i])
	return n
}

func copyDir(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
}
