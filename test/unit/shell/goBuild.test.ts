// go build / go vet: claims, declines, keeps every error, marks module download chatter.
import assert from 'node:assert/strict';
import { goBuild } from '../../../src/compressors/shell/goBuild';
import type { Engines } from '../../../src/compressors/types';
import { testEngines } from '../../helpers/engines';
import { command, compressWith, runAlone, source } from '../../helpers/diagnosticCases';

// Real `go build ./...` output (go 1.19.8) on a small module with three broken packages.
const BUILD = `# example.com/inventory/shipping
shipping/shipping.go:5:35: undefined: surcharge
shipping/shipping.go:12:6: invalid operation: current + w (mismatched types int and float64)
shipping/shipping.go:16:3: invalid operation: current += w (mismatched types int and float64)
shipping/shipping.go:23:10: cannot use zone (variable of type int) as type string in return statement
shipping/shipping.go:25:9: cannot use zone * 2 + 1 (value of type int) as type string in return statement
shipping/shipping.go:29:46: undefined: undefinedSuffix
shipping/shipping.go:34:8: zones.Sort undefined (type []int has no field or method Sort)
shipping/shipping.go:41:3: invalid operation: total += it.W (mismatched types int and float64)
shipping/shipping.go:43:9: cannot use total (variable of type int) as type float64 in return statement
shipping/shipping.go:47:9: undefined: carrierURL
shipping/shipping.go:47:9: too many errors
# example.com/inventory/pricing
pricing/pricing.go:32:11: syntax error: cannot use assignment (price) = (0) as value
# example.com/inventory/store
store/store.go:5:2: imported and not used: "os"
store/store.go:37:9: cannot use total (variable of type float64) as type int in return statement
store/store.go:52:24: it.Nmae undefined (type Item has no field or method Nmae)
`;

describe('goBuild', () => {
  let engines: Engines;
  before(async () => { engines = await testEngines(); });

  it('claims go build, vet and install only', () => {
    for (const raw of ['go build ./...', 'go vet ./...', 'go install ./cmd/x', 'GOOS=linux go build -o app .']) assert.ok(goBuild.matches!(command(raw)), raw);
    for (const raw of ['go test ./...', 'go run .', 'go mod tidy', 'gofmt -l .']) assert.ok(!goBuild.matches!(command(raw)), raw);
  });

  it('sniffs a package header followed by a Go diagnostic', () => {
    assert.ok(goBuild.sniff!(source(BUILD)));
    assert.ok(!goBuild.sniff!(source('# heading\nsome text\n')));
  });

  it('declines empty and unrelated output', () => {
    assert.equal(runAlone(goBuild, '', engines), undefined);
    assert.equal(runAlone(goBuild, 'ok  \texample.com/x\t0.01s\n', engines), undefined);
  });

  it('keeps a build failure exactly as printed: every line is an error', () => {
    const result = compressWith(BUILD, 'go build ./...', engines);
    assert.equal(result.text, BUILD);
  });

  it('marks module download chatter and keeps the errors and their continuation lines', () => {
    const downloads = Array.from({ length: 12 }, (_, i) => `go: downloading example.com/dep${i} v1.${i}.0`);
    const input = [...downloads, 'report/report.go:6:2: no required module provides package github.com/google/uuid; to add it:', '\tgo get github.com/google/uuid', ...BUILD.split('\n')].join('\n');
    const result = compressWith(input, 'go build ./...', engines);
    assert.equal(result.compressor, 'goBuild');
    assert.match(result.text, /omitted 12 lines L1-12: 12 module download lines/);
    assert.ok(result.text.includes('\tgo get github.com/google/uuid'));
    for (const line of BUILD.split('\n')) assert.ok(result.text.includes(line));
  });
});
