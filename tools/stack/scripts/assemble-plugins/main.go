// Command assemble-plugins lays out the Perses plugins listed in Perses's
// scripts/plugin/plugin.yaml as unarchived plugin folders that the Perses
// server loads from `plugin.path`: package.json, a generated mf-manifest.json,
// the CUE schemas, and cue.mod with its CUE dependencies vendored under
// cue.mod/pkg (what `percli plugin build` does), so that the server evaluates
// the schemas without reaching a CUE registry. The frontend bundles are left
// out: the test stack only needs validation.
//
// Plugin modules come from the Go module proxy (github.com/perses/plugins/<name>)
// or, for versions the proxy does not serve, from -src: a folder holding
// <name>@v<version>/ trees shaped like Go module content.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

type pluginRef struct{ Name, Version string }

func main() {
	persesDir := flag.String("perses-dir", "", "Perses module directory (holds scripts/plugin/plugin.yaml)")
	out := flag.String("out", "", "output folder, one sub-folder per plugin")
	src := flag.String("src", "", "optional folder of <name>@v<version> module trees")
	persesVersion := flag.String("perses-version", "", "Perses version, stands in for unavailable perses/cue versions")
	flag.Parse()
	if *persesDir == "" || *out == "" {
		fail("usage: assemble-plugins -perses-dir DIR -out DIR [-src DIR] [-perses-version V]")
	}
	refs, err := readPluginList(filepath.Join(*persesDir, "scripts", "plugin", "plugin.yaml"))
	if err != nil {
		fail(err.Error())
	}
	r := &resolver{src: *src, persesVersion: *persesVersion}
	var missing []string
	for _, ref := range refs {
		target := filepath.Join(*out, ref.Name)
		if _, err := os.Stat(filepath.Join(target, "mf-manifest.json")); err == nil {
			fmt.Printf("%s %s: present\n", ref.Name, ref.Version)
			continue
		}
		if err := assemble(r, ref, target); err != nil {
			fmt.Printf("%s %s: MISSING (%v)\n", ref.Name, ref.Version, err)
			missing = append(missing, ref.Name+"@"+ref.Version)
			continue
		}
		fmt.Printf("%s %s: assembled\n", ref.Name, ref.Version)
	}
	missingFile := filepath.Join(*out, "MISSING")
	if len(missing) > 0 {
		must(os.WriteFile(missingFile, []byte(strings.Join(missing, "\n")+"\n"), 0o644))
		// Without the real schemas Perses would validate differently from
		// production: fail rather than hand the tests a weaker server.
		fail(fmt.Sprintf("%d of %d plugins missing, listed in %s", len(missing), len(refs), missingFile))
	}
	_ = os.Remove(missingFile)
}

// readPluginList parses the flat `- name: "X"\n  version: "Y"` list of plugin.yaml.
func readPluginList(path string) ([]pluginRef, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	re := regexp.MustCompile(`^\s*-?\s*(name|version):\s*"?([^"]+)"?\s*$`)
	var refs []pluginRef
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m := re.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		if m[1] == "name" {
			refs = append(refs, pluginRef{Name: m[2]})
		} else if len(refs) > 0 {
			refs[len(refs)-1].Version = m[2]
		}
	}
	return refs, sc.Err()
}

func assemble(r *resolver, ref pluginRef, target string) error {
	modPath := "github.com/perses/plugins/" + strings.ToLower(ref.Name)
	dir, err := r.pluginDir(modPath, "v"+ref.Version)
	if err != nil {
		return err
	}
	pkgRaw, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return err
	}
	var pkg struct {
		Name   string `json:"name"`
		Perses struct {
			SchemasPath string `json:"schemasPath"`
		} `json:"perses"`
	}
	if err := json.Unmarshal(pkgRaw, &pkg); err != nil {
		return fmt.Errorf("package.json: %w", err)
	}
	if pkg.Perses.SchemasPath == "" {
		// Perses defaults an absent schemasPath to "schemas" (most plugins omit it).
		pkg.Perses.SchemasPath = "schemas"
	}
	tmp := target + ".tmp"
	_ = os.RemoveAll(tmp)
	must(os.MkdirAll(tmp, 0o755))
	must(os.WriteFile(filepath.Join(tmp, "package.json"), pkgRaw, 0o644))
	// Pure frontend modules (LogExplorer) name a schemasPath but ship none.
	if _, statErr := os.Stat(filepath.Join(dir, pkg.Perses.SchemasPath)); statErr == nil {
		if err := copyDir(filepath.Join(dir, pkg.Perses.SchemasPath), filepath.Join(tmp, pkg.Perses.SchemasPath)); err != nil {
			return err
		}
		if err := r.vendorCue(dir, tmp); err != nil {
			return err
		}
	}
	if err := writeManifest(tmp, ref, pkg.Name); err != nil {
		return err
	}
	_ = os.RemoveAll(target)
	return os.Rename(tmp, target)
}

// writeManifest writes the fields of mf-manifest.json that the Perses server
// reads (id, name, metaData.buildInfo): the real one comes from the frontend
// build, which the Go module does not contain.
func writeManifest(dir string, ref pluginRef, pkgName string) error {
	m := map[string]any{
		"id":   ref.Name,
		"name": ref.Name,
		"metaData": map[string]any{
			"name":      ref.Name,
			"type":      "app",
			"buildInfo": map[string]string{"buildVersion": ref.Version, "buildName": pkgName},
		},
		"shared": []any{}, "remotes": []any{}, "exposes": []any{},
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "mf-manifest.json"), b, 0o644)
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, msg)
	os.Exit(1)
}

func must(err error) {
	if err != nil {
		fail(err.Error())
	}
}
