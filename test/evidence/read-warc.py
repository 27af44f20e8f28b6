"""Reads a WARC file with Python warcio (an implementation independent of the one that wrote it) and prints one
JSON line per record: type, target URI, ids, payload sha256 and whether its block and payload digests checked."""
import hashlib
import json
import sys

from warcio.archiveiterator import ArchiveIterator

with open(sys.argv[1], 'rb') as stream:
    for record in ArchiveIterator(stream, check_digests='raise'):
        payload = record.content_stream().read()
        checker = record.digest_checker
        headers = record.http_headers
        print(json.dumps({
            'type': record.rec_type,
            'version': record.rec_headers.protocol,
            'uri': record.rec_headers.get_header('WARC-Target-URI'),
            'id': record.rec_headers.get_header('WARC-Record-ID'),
            'refers_to': record.rec_headers.get_header('WARC-Refers-To'),
            'concurrent_to': record.rec_headers.get_header('WARC-Concurrent-To'),
            'block_digest': record.rec_headers.get_header('WARC-Block-Digest'),
            'payload_digest': record.rec_headers.get_header('WARC-Payload-Digest'),
            'digests_passed': checker.passed,
            'problems': checker.problems,
            'status': headers.get_statuscode() if headers and record.rec_type == 'response' else None,
            'content_type': headers.get_header('Content-Type') if headers else record.rec_headers.get_header('Content-Type'),
            'sha256': hashlib.sha256(payload).hexdigest(),
            'json': json.loads(payload) if record.rec_type == 'metadata' else None,
        }, ensure_ascii=False))
