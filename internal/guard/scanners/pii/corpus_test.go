package pii

// benignCorpus is logs, financial prose and code full of numbers, dates, versions and
// hashes, with no personal data: nothing may fire.
var benignCorpus = []string{
	`2024-05-01 12:00:01.123 INFO [main] Server started on port 8080 (pid 48213) in 1523 ms
2024-05-01 12:00:02.456 WARN  GC pause 250ms heap=1024MB/2048MB threads=64
2024-05-01 12:00:03 ERROR request_id=7f3c9a2e-1b4d-4c8e-9f0a-2d6e8b1c5a37 status=500 latency=1234ms bytes=56789
GET /api/v1/users/12345678/orders?page=2&limit=50 HTTP/1.1 200 4523 "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0.6099.109 Safari/537.36"
kernel: [123456.789012] usb 1-1.2: new high-speed USB device number 5 using xhci_hcd
sha1=da39a3ee5e6b4b0d3255bfef95601890afd80709 size=1048576 crc32=0x1c291ca3 build 20240501.3
Docker image nginx:1.25.3-alpine3.18 digest sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac
pip install torch==2.1.0+cu118 numpy>=1.24.0 scipy~=1.11.3 transformers==4.35.2
Exit code 137, OOMKilled after 3600s; retry 3/5 at 2024-05-01T12:05:00+02:00`,
	`Quarterly revenue grew 12.5% to $4,512,300,000 while operating margin was 23.4%. EPS of $1.23 beat estimates of 1.19.
The loan of 250,000 EUR at 3.45% over 25 years costs 1,249.34 per month. Reference number 2024/03/1234567.
Flight LH 1234 departs 07:45 from gate B22, seat 14C, booking ref XK7P2Q. Train ICE 1587 at 10:21.
Tel. hours: Mon-Fri 9-17. Product SKU 8801643574512 (EAN), part no. 12-3456-789, model XPS-9320.
Coordinates 48.8566, 2.3522; altitude 35 m; ZIP 94103; PO Box 1234; Room 4.12.1.3 on floor 4.`,
	`func main() {
	x := []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	var mask uint64 = 0xFFFFFFFFFFFFFFFF
	const big = 18446744073709551615
	t := time.Date(2024, 1, 15, 12, 30, 45, 0, time.UTC)
	fmt.Printf("%d items, %.2f%% done, id=%s\n", 1234567, 99.5, "a1b2c3d4e5f6")
	hash := "9b74c9897bac770ffc029102a200c5de"
	uuid := "550e8400-e29b-41d4-a716-446655440000"
	port := 5432; timeout := 30 * time.Second
	matrix := [][]float64{{1.0, 0.5}, {0.25, 0.125}}
}`,
}
