// Generated from openapi.yaml by openapi-typescript (npm run openapi). Do not edit.
// Use with openapi-fetch: createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${key}` } }).
export interface paths {
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process answers */
        get: operations["live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Neo4j answers: the service can take work */
        get: operations["ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/graphs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List graphs, oldest first */
        get: operations["listGraphs"];
        put?: never;
        /** Create a graph */
        post: operations["createGraph"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/graphs/{graphId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a graph with its counts of accounts and interactions */
        get: operations["getGraph"];
        put?: never;
        post?: never;
        /** Delete a graph with its accounts, interactions, analyses and niches */
        delete: operations["deleteGraph"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/graphs/{graphId}/interactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Store a batch of interactions atomically
         * @description One batch is one transaction: any invalid item gives 400 listing every offending index and field, and nothing of the batch is stored. At most 50000 interactions and 50000 accounts per request (413 above), and at most 33554432 bytes. Accounts named by interactions are created implicitly. An interaction with an id is stored once per graph: a replay counts as a duplicate. Self-interactions are rejected.
         *
         *     Streamed bodies: `application/x-ndjson` (one Interaction object per line) or `text/csv` (a header line naming the columns source,target and optionally type,weight,timestamp,id; empty cells = absent). The body is read with backpressure and stored in batches of 10000 rows, one transaction each, while the next batch is read; at most 20000000 rows and 4294967296 bytes per body, and 65536 characters per line or CSV record (413 above). The answer adds `batches`. Rows are validated like JSON items. If a row is invalid, the batch holding it and everything after it are not stored and every earlier batch is committed: batch k holds data rows (k-1)*10000+1 .. k*10000 (blank lines and the CSV header are not rows). The 400 lists every invalid row of that batch (at most 100) with `index` = its 1-based line number in the body (header included), and `detail` says how many rows and batches were committed. Going over the row, byte or line cap is the same (413 NG_BATCH_TOO_LARGE, NG_BODY_TOO_LARGE, NG_LINE_TOO_LONG; earlier batches kept); so is a database failure in batch k (batches before k kept). Interactions with ids make re-sending the whole body after a failure safe.
         *
         *     Resumable uploads: send a streamed body with an `Upload-Id` header (1-128 of [A-Za-z0-9._~:-], yours to choose, e.g. a UUID). Each batch then records the upload's progress in its own transaction, so after any failure (a 503, a dropped connection, this server killed) GET /v1/graphs/{graphId}/uploads/{uploadId} says exactly how many rows (whole batches) are committed. Re-send the same body with the same Upload-Id: its first `rows` rows are skipped (`skipped` in the answer; they must be the same rows, 409 NG_UPLOAD_MISMATCH otherwise) and the rest stored, batch boundaries unchanged, so no batch is applied twice, rows without ids included. Two streams at once under one Upload-Id: the second gets 409 NG_UPLOAD_CONFLICT. Upload-Id on a JSON body: 400 NG_UPLOAD_ID_NOT_STREAMED (a JSON batch is one transaction; use Idempotency-Key).
         *
         *     Folded graphs (created with `fold: "day"`): interactions without ids are folded per (source, target, type, UTC day, sign of the weight) into one stored relationship with their count and weight sum; `stored` counts events. A batch holding such interactions must carry a replay guard, so that a retry cannot count it twice: an Idempotency-Key on a JSON batch (recorded with the batch, in its transaction: a retry with the same key is answered from the first commit even after a crash) or an Upload-Id on a streamed body; without one, 400 NG_FOLD_UNGUARDED and nothing of the batch is stored.
         */
        post: operations["ingestInteractions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/graphs/{graphId}/uploads/{uploadId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What a resumable streamed upload has committed
         * @description The progress of an interactions stream sent with an `Upload-Id`: `rows` is exactly the number of leading data rows of the body that are committed (whole batches of `batchRows`), whatever failed afterwards. Re-send the same body with the same Upload-Id to store the rest: the committed rows are skipped. 404 NG_UPLOAD_NOT_FOUND when no batch of it is committed (start from the beginning) or the graph is unknown.
         */
        get: operations["getUpload"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/graphs/{graphId}/accounts/{accountId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Erase an account: its interactions and every trace in stored results (right to erasure)
         * @description Removes the account, every interaction it sent or received, and every trace of it in the stored results of the graph's analyses (its membership and scores, the trusted lists, other members' top ties, bridges, the analysed ties, niche member lists and IN_NICHE relationships; exports and the explorer read these), and replaces the id in stored Idempotency-Key answers. The results' ETags change. Niche figures are not recomputed: a niche that lost a member is marked `redacted: true` and keeps the figures its analysis computed (with the erased account's interactions); the trusted list follows the analysis' rule again; the analysis counts `erasures`. A new analysis gives exact figures without the account.
         *
         *     An erasure ledger (an HMAC of graph and account id under the server's ERASURE_SECRET, never the id) keeps the account erased: later uploads (JSON, NDJSON, CSV) naming it store none of its interactions and count them as `suppressed`. Idempotent: 204 for an unknown or already erased account too (the ledger entry is written either way, so data that arrives later is suppressed). The ledger entry is written first: an erasure cut off half-way (503, a crash) keeps the account suppressed, and repeating the DELETE completes it.
         */
        delete: operations["eraseAccount"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analyses/{analysisId}/compare/{otherAnalysisId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What changed between two analyses of a graph: niche events, movers, trusted members gained and lost
         * @description Both analyses must have succeeded (409 otherwise) and be of the same graph (400 naming otherAnalysisId). The earlier-created one is `before`, whatever the order in the path. Niches correspond by best-match Jaccard (the lineage rules of the README), computed between these two analyses directly, so any two analyses compare, not only an analysis and its baseline. Trust rank: position by score over all accounts of an analysis (1 = highest), ties by account id.
         */
        get: operations["compareAnalyses"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/graphs/{graphId}/analyses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a graph's analyses, newest first
         * @description Every analysis of the graph, whatever its status, ordered by creation time, newest first (ties by id, descending), `limit` per page from `offset`; `total` counts them all. Queued and running ones carry no `progress` here: read one with GET /v1/analyses/{analysisId} for that.
         */
        get: operations["listAnalyses"];
        put?: never;
        /**
         * Start an analysis: communities, niches (Leiden) and their trusted members
         * @description Answers 202 with the queued analysis and its Location at once. With ?wait=N the answer is held up to N seconds; if the analysis finishes in time the answer is 200 with the finished analysis. Analyses run in worker threads (of this process, or of worker processes sharing a Redis queue), ANALYSIS_CONCURRENCY at a time per process; at most ANALYSIS_QUEUE_LIMIT wait, and one more is refused with 503 NG_QUEUE_FULL and a Retry-After header. A queue that cannot be reached answers 503 NG_QUEUE_UNAVAILABLE.
         */
        post: operations["createAnalysis"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analyses/{analysisId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read an analysis: status, parameters, progress, summary, timings
         * @description With ?wait=N the answer is held up to N seconds while the analysis is queued or running. While queued or running, `progress` gives the phase and a coarse fraction; once finished, `timings` gives ms per phase.
         */
        get: operations["getAnalysis"];
        put?: never;
        post?: never;
        /**
         * Cancel a queued or running analysis
         * @description A queued analysis leaves the queue; a running one has its worker terminated (a result write in progress is rolled back). Answers 200 with the analysis, now status "failed" with error "cancelled". An analysis that has already finished (succeeded or failed) answers 409 NG_ANALYSIS_FINISHED. With a shared queue (Redis) the cancel reaches the worker running it wherever it is. An analysis marked queued/running that nobody holds any more is marked cancelled too; one held by another live instance without a shared queue answers 409 NG_ANALYSIS_HELD_ELSEWHERE.
         */
        delete: operations["cancelAnalysis"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analyses/{analysisId}/niches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The niches of an analysis, largest first, with their trusted members */
        get: operations["listNiches"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analyses/{analysisId}/communities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The communities of an analysis (modularity at resolution 1), largest first, with their niche ids */
        get: operations["listCommunities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analyses/{analysisId}/niches/{nicheId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The members of a niche, highest trust score first */
        get: operations["listNicheMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analyses/{analysisId}/accounts/{accountId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An account's niche and scores in an analysis */
        get: operations["getAccountResult"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analyses/{analysisId}/niches/{nicheId}/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Events between the members of a niche per day or week */
        get: operations["getNicheActivity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analyses/{analysisId}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The whole result of an analysis as one streamed file (NDJSON, CSV, GEXF, GraphML)
         * @description Every account with accountId, nicheId, communityId, rank, score, role, confidence, centrality, ties, positiveShare, reciprocity, repeat, embeddedness, withinDegreeZ, participation, unassigned, niche by niche (n0 first, the unassigned group last), rank order inside. GEXF (1.2, coloured by niche) and GraphML add the aggregated undirected positive ties as edges with their `weight`; both open in Gephi and NetworkX. Streamed in constant memory; the file name comes in Content-Disposition.
         */
        get: operations["exportAnalysis"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analyses/{analysisId}/niche-graph": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The niche-level graph: one node per niche, links by inter-niche tie weight */
        get: operations["getNicheGraph"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analyses/{analysisId}/niches/{nicheId}/ties": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ties between members of one niche, strongest first */
        get: operations["listNicheTies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analyses/{analysisId}/graph": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every account and tie of a small analysis, columnar, to draw it whole
         * @description Up to maxAccounts accounts and 250000 ties; larger analyses answer 422 NG_GRAPH_TOO_LARGE (use niche-graph and a niche's ties, or the export).
         */
        get: operations["getAccountGraph"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analyses/{analysisId}/ambassadors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whom to equip: K accounts that together reach the most niches through trusted, reciprocal ties
         * @description Method: greedy coverage of reciprocal circles, weighted by trust (score / (1 + score)), with a square-root reward per niche (Lin & Bilmes 2011) so that picks spread over niches; lazy greedy (Leskovec et al. 2007), within 1 - 1/e of the best set for every budget (Nemhauser et al. 1978); broadcasters never chosen. The order is computed once per analysis and served for every budget (the answer for budget K is the first K of any longer one). With `niche` or `community`, only that group's members are chosen (same objective). Each item says what it adds: accounts and niches no earlier pick reached.
         */
        get: operations["listAmbassadors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * Problem
         * @description RFC 9457 problem details (application/problem+json).
         * @example {
         *       "type": "https://nichegraph.dev/problems/ng-graph-not-found",
         *       "title": "Not Found",
         *       "status": 404,
         *       "detail": "Graph 'acme' does not exist",
         *       "instance": "/v1/graphs/acme",
         *       "code": "NG_GRAPH_NOT_FOUND",
         *       "requestId": "req-1"
         *     }
         */
        Problem: {
            /** @description URI identifying the problem type; ends with the stable code in kebab case. */
            type: string;
            title: string;
            status: number;
            detail: string;
            /** @description The request path. */
            instance: string;
            /** @description Stable machine-readable code, e.g. NG_GRAPH_NOT_FOUND. */
            code: string;
            requestId: string;
            errors?: {
                /** @description body, querystring, params or headers */
                in: string;
                /** @description JSON Pointer of the offending value, e.g. /interactions/3/weight */
                pointer: string;
                /** @description Dotted name, e.g. interactions[3].weight */
                field: string;
                /** @description Index of the offending item in its array */
                index?: number;
                message: string;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
            /** @description Neo4j unavailable, service overloaded or shutting down; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listGraphs: {
        parameters: {
            query: {
                /** @description Items per page. */
                limit: number;
                /** @description Items to skip. */
                offset: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        total: number;
                        limit: number;
                        offset: number;
                        items: {
                            id: string;
                            name: string;
                            description: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description How interactions without an `id` are stored, fixed at creation. "none" (default): one relationship per event. "day": events with the same source, target, type, UTC day and sign of the weight are folded into one relationship holding their `count`, the sum of their weights and the start of the day as its time; analyses read the folded relationship as that many events (counts, weight sums and signs as if unfolded; first/last activity, time windows and time decay at the resolution of a day). Fewer relationships to write and to read when events repeat. Every ingest of events without ids into a folded graph must be replay-safe: JSON batches need an Idempotency-Key, streamed bodies an Upload-Id (400 NG_FOLD_UNGUARDED otherwise), so a retry never counts a batch twice. */
                            fold: "none" | "day";
                        }[];
                    };
                };
            };
            /** @description Invalid request: every offending field is listed in `errors` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown API key (send Authorization: Bearer <key>) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the scope (or graph) this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or analyses-per-key limit reached; retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Neo4j unavailable, service overloaded or shutting down; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createGraph: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a retry with the same key (and the same body) returns the first answer without applying anything again. Kept IDEMPOTENCY_TTL_SECONDS (default 24 h). */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "acme-forum",
                 *       "name": "ACME community forum",
                 *       "description": "Replies and mentions, 2026"
                 *     }
                 */
                "application/json": {
                    /** @description 1-64 of [A-Za-z0-9_-]; generated when absent. */
                    id?: string;
                    name: string;
                    description?: string;
                    /** @description How interactions without an `id` are stored, fixed at creation. "none" (default): one relationship per event. "day": events with the same source, target, type, UTC day and sign of the weight are folded into one relationship holding their `count`, the sum of their weights and the start of the day as its time; analyses read the folded relationship as that many events (counts, weight sums and signs as if unfolded; first/last activity, time windows and time decay at the resolution of a day). Fewer relationships to write and to read when events repeat. Every ingest of events without ids into a folded graph must be replay-safe: JSON batches need an Idempotency-Key, streamed bodies an Upload-Id (400 NG_FOLD_UNGUARDED otherwise), so a retry never counts a batch twice. */
                    fold?: "none" | "day";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "acme-forum",
                     *       "name": "ACME community forum",
                     *       "description": "Replies and mentions, 2026",
                     *       "createdAt": "2026-11-27T10:00:00.000Z",
                     *       "fold": "none"
                     *     }
                     */
                    "application/json": {
                        id: string;
                        name: string;
                        description: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** @description How interactions without an `id` are stored, fixed at creation. "none" (default): one relationship per event. "day": events with the same source, target, type, UTC day and sign of the weight are folded into one relationship holding their `count`, the sum of their weights and the start of the day as its time; analyses read the folded relationship as that many events (counts, weight sums and signs as if unfolded; first/last activity, time windows and time decay at the resolution of a day). Fewer relationships to write and to read when events repeat. Every ingest of events without ids into a folded graph must be replay-safe: JSON batches need an Idempotency-Key, streamed bodies an Upload-Id (400 NG_FOLD_UNGUARDED otherwise), so a retry never counts a batch twice. */
                        fold: "none" | "day";
                    };
                };
            };
            /** @description Invalid request: every offending field is listed in `errors` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown API key (send Authorization: Bearer <key>) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the scope (or graph) this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state (or a request with the same Idempotency-Key is still running) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body or batch too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or analyses-per-key limit reached; retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Neo4j unavailable, service overloaded or shutting down; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getGraph: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Graph id. */
                graphId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "acme-forum",
                     *       "name": "ACME community forum",
                     *       "description": "Replies and mentions, 2026",
                     *       "createdAt": "2026-11-27T10:00:00.000Z",
                     *       "fold": "none",
                     *       "accounts": 3000,
                     *       "interactions": 71234,
                     *       "version": 12
                     *     }
                     */
                    "application/json": {
                        id: string;
                        name: string;
                        description: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** @description How interactions without an `id` are stored, fixed at creation. "none" (default): one relationship per event. "day": events with the same source, target, type, UTC day and sign of the weight are folded into one relationship holding their `count`, the sum of their weights and the start of the day as its time; analyses read the folded relationship as that many events (counts, weight sums and signs as if unfolded; first/last activity, time windows and time decay at the resolution of a day). Fewer relationships to write and to read when events repeat. Every ingest of events without ids into a folded graph must be replay-safe: JSON batches need an Idempotency-Key, streamed bodies an Upload-Id (400 NG_FOLD_UNGUARDED otherwise), so a retry never counts a batch twice. */
                        fold: "none" | "day";
                        accounts: number;
                        /** @description Stored interaction relationships (on a folded graph each holds `count` events). */
                        interactions: number;
                        /** @description Raised by every ingestion request into the graph (0 before the first). An analysis reports the `graphVersion` it read: when it is below this, data arrived since. */
                        version: number;
                    };
                };
            };
            /** @description Invalid request: every offending field is listed in `errors` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown API key (send Authorization: Bearer <key>) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the scope (or graph) this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than the router accepts */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or analyses-per-key limit reached; retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Neo4j unavailable, service overloaded or shutting down; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteGraph: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Graph id. */
                graphId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: every offending field is listed in `errors` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown API key (send Authorization: Bearer <key>) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the scope (or graph) this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than the router accepts */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or analyses-per-key limit reached; retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Neo4j unavailable, service overloaded or shutting down; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ingestInteractions: {
        parameters: {
            query?: never;
            header?: {
                /** @description JSON batches: a retry with the same key returns the first answer (src/http/plugins/app/idempotency.ts checks it). */
                "idempotency-key"?: string;
                /** @description Streamed bodies: names a resumable upload (see the operation description). */
                "upload-id"?: string;
            };
            path: {
                /** @description Graph id. */
                graphId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "interactions": [
                 *         {
                 *           "id": "e1",
                 *           "source": "alice",
                 *           "target": "bob",
                 *           "type": "reply",
                 *           "timestamp": "2026-11-20T09:30:00Z"
                 *         },
                 *         {
                 *           "id": "e2",
                 *           "source": "bob",
                 *           "target": "alice",
                 *           "type": "mention",
                 *           "weight": 2,
                 *           "timestamp": 1763631000000
                 *         },
                 *         {
                 *           "id": "e3",
                 *           "source": "carol",
                 *           "target": "bob",
                 *           "type": "rating",
                 *           "weight": -3
                 *         }
                 *       ],
                 *       "accounts": [
                 *         {
                 *           "id": "alice",
                 *           "properties": {
                 *             "handle": "@alice"
                 *           }
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    /** @description At most MAX_BATCH_ITEMS (default 50,000) items. */
                    interactions: {
                        /** @description Account id, 1-256 characters. */
                        source: string;
                        /** @description Account id, 1-256 characters. */
                        target: string;
                        /** @description reply, mention, share, message, rating, ...; default "interaction". */
                        type?: string;
                        /** @description Finite and non-zero; default 1. Negative = dispute, complaint, distrust. */
                        weight?: number;
                        /** @description ISO 8601 date-time with a time zone (e.g. 2026-11-27T10:00:00Z) or epoch milliseconds. */
                        timestamp?: number | string;
                        /** @description Event id; an event with an id is stored once per graph. */
                        id?: string;
                    }[];
                    /** @description At most MAX_BATCH_ITEMS items. */
                    accounts?: {
                        /** @description Account id, 1-256 characters. */
                        id: string;
                        /** @description Flat map of primitive values, stored on the account node (names id and graphId are reserved). */
                        properties?: {
                            [key: string]: string | number | boolean;
                        };
                    }[];
                };
                "application/x-ndjson": unknown;
                "text/csv": unknown;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "received": 3,
                     *       "stored": 3,
                     *       "duplicates": 0,
                     *       "suppressed": 0
                     *     }
                     */
                    "application/json": {
                        /** @description Interactions in the request. */
                        received: number;
                        /** @description Interactions newly stored. */
                        stored: number;
                        /** @description Interactions whose id was already stored (or repeated in this batch). */
                        duplicates: number;
                        /** @description Interactions not stored because they name an erased account (DELETE /v1/graphs/{graphId}/accounts/{accountId}); account entries naming one are dropped too. received = stored + duplicates + suppressed. */
                        suppressed: number;
                        /** @description Streamed bodies only: batches (transactions) committed by this request. */
                        batches?: number;
                        /** @description Streamed bodies with an Upload-Id only: leading rows skipped because an earlier attempt under the same Upload-Id had committed them. received = skipped + stored + duplicates + suppressed. */
                        skipped?: number;
                        /** @description The Upload-Id of a resumable upload. */
                        uploadId?: string;
                    };
                };
            };
            /** @description Invalid request: every offending field is listed in `errors` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown API key (send Authorization: Bearer <key>) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the scope (or graph) this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state (or a request with the same Idempotency-Key is still running) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body or batch too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than the router accepts */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or analyses-per-key limit reached; retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Neo4j unavailable, service overloaded or shutting down; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getUpload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Graph id. */
                graphId: string;
                /** @description The Upload-Id the stream was sent with. */
                uploadId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        uploadId: string;
                        graphId: string;
                        /** @description Data rows committed: exactly the first `rows` data rows of the body (whole batches). */
                        rows: number;
                        /** @description Batches (transactions) committed. */
                        batches: number;
                        stored: number;
                        duplicates: number;
                        suppressed: number;
                        /** @description Rows per batch of this upload (fixed by its first batch). */
                        batchRows: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Invalid request: every offending field is listed in `errors` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown API key (send Authorization: Bearer <key>) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the scope (or graph) this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than the router accepts */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or analyses-per-key limit reached; retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Neo4j unavailable, service overloaded or shutting down; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    eraseAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Graph id. */
                graphId: string;
                /** @description Account id, as given at ingestion (1-256 characters). */
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Erased (or nothing to erase) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: every offending field is listed in `errors` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown API key (send Authorization: Bearer <key>) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the scope (or graph) this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than the router accepts */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or analyses-per-key limit reached; retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Neo4j unavailable, service overloaded or shutting down; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    compareAnalyses: {
        parameters: {
            query: {
                /** @description Members listed in `rose` and in `fell`. */
                movers: number;
            };
            header?: never;
            path: {
                /** @description Analysis id. */
                analysisId: string;
                /** @description The analysis to compare it with (same graph). */
                otherAnalysisId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        before: {
                            analysisId: string;
                            /** Format: date-time */
                            createdAt: string;
                            from: string | null;
                            to: string | null;
                        };
                        after: {
                            analysisId: string;
                            /** Format: date-time */
                            createdAt: string;
                            from: string | null;
                            to: string | null;
                        };
                        /** @description Niches of `after` per lineage event relative to `before`'s; dissolved: `before` niches related to none. */
                        events: {
                            continued: number;
                            grown: number;
                            shrunk: number;
                            split: number;
                            merged: number;
                            born: number;
                            dissolved: number;
                        };
                        accounts: {
                            inBoth: number;
                            /** @description In both, and its `after` niche does not correspond to its `before` niche (entering or leaving the unassigned group counts). */
                            changedNiche: number;
                            /** @description Only in `after`. */
                            joined: number;
                            /** @description Only in `before`. */
                            left: number;
                        };
                        /** @description Accounts in both whose trust rank rose most, largest rise first (ties by account id). */
                        rose: {
                            accountId: string;
                            before: {
                                /** @description Position by score over all accounts of the analysis (1 = highest). */
                                rank: number;
                                score: number;
                                nicheId: string;
                            };
                            after: {
                                /** @description Position by score over all accounts of the analysis (1 = highest). */
                                rank: number;
                                score: number;
                                nicheId: string;
                            };
                            /** @description before.rank - after.rank: > 0 rose. */
                            change: number;
                        }[];
                        /** @description Accounts in both whose trust rank fell most, largest fall first. */
                        fell: {
                            accountId: string;
                            before: {
                                /** @description Position by score over all accounts of the analysis (1 = highest). */
                                rank: number;
                                score: number;
                                nicheId: string;
                            };
                            after: {
                                /** @description Position by score over all accounts of the analysis (1 = highest). */
                                rank: number;
                                score: number;
                                nicheId: string;
                            };
                            /** @description before.rank - after.rank: > 0 rose. */
                            change: number;
                        }[];
                        /** @description The niches of `after` (the unassigned group not included), largest first. */
                        niches: {
                            nicheId: string;
                            event: "continued" | "grown" | "shrunk" | "split" | "merged" | "born";
                            /** @description `before` niches it relates to (Jaccard >= 0.3), best first. */
                            from: {
                                nicheId: string;
                                jaccard: number;
                            }[];
                            /** @description The `before` niche it continues (mutual best match), null when born. */
                            corresponds: string | null;
                            size: number;
                            /** @description Its trusted members that were not trusted in the corresponding `before` niche. */
                            trustedGained: string[];
                            /** @description Trusted members of the corresponding `before` niche that it no longer lists as trusted. */
                            trustedLost: string[];
                        }[];
                        /** @description `before` niches related to no niche of `after`, with their trusted members (all lost). */
                        dissolved: {
                            nicheId: string;
                            size: number;
                            trustedLost: string[];
                        }[];
                    };
                };
            };
            /** @description Not Modified: the ETag given in If-None-Match is current (no body). */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: every offending field is listed in `errors` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown API key (send Authorization: Bearer <key>) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the scope (or graph) this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state (or a request with the same Idempotency-Key is still running) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than the router accepts */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or analyses-per-key limit reached; retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Neo4j unavailable, service overloaded or shutting down; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAnalyses: {
        parameters: {
            query: {
                /** @description Items per page. */
                limit: number;
                /** @description Items to skip. */
                offset: number;
            };
            header?: never;
            path: {
                /** @description Graph id. */
                graphId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        total: number;
                        limit: number;
                        offset: number;
                        items: {
                            id: string;
                            graphId: string;
                            status: "queued" | "running" | "succeeded" | "failed";
                            /**
                             * AnalysisParams
                             * @description The effective parameters, defaults filled in.
                             */
                            params: {
                                /** @description The niche-level resolution asked for; null: the default rule. */
                                resolution: number | null;
                                seed: number;
                                typeWeights: {
                                    [key: string]: number;
                                };
                                from: string | null;
                                to: string | null;
                                /** @description The time decay asked for (ISO 8601 duration); null: none. */
                                halfLife?: string | null;
                                minWeight: number;
                                topK: number;
                                runs?: number;
                                minNicheSize?: number;
                                nicheSize?: {
                                    min: number;
                                    max: number;
                                } | null;
                                centralities?: string[];
                                /** @description The baseline asked for (absent: the default rule; see `lineage` for the one used). */
                                baseline?: string | null;
                                warmStart?: boolean;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            startedAt: string | null;
                            finishedAt: string | null;
                            /** @description Why a failed analysis failed: "cancelled" (DELETE), "timed out: ..." (it ran past the service's maximum duration, ANALYSIS_MAX_SECONDS), "interrupted: ..." (the service stopped while it was queued or ran) or the failure's message. Nothing of a failed analysis is kept. */
                            error?: string;
                            summary?: {
                                accounts: number;
                                /** @description Undirected account pairs with positive weight. */
                                edges: number;
                                niches: number;
                                /** @description Communities (modularity at resolution 1); every niche lies in one. */
                                communities?: number;
                                /** @description Modularity (resolution 1) of the communities, comparable with igraph, NetworKit and leidenalg. */
                                modularity: number;
                                /** @description Modularity (resolution 1) of the niches. */
                                nicheModularity?: number;
                                /** @description The niche-level resolution used (given, chosen from nicheSize, or by the default rule). */
                                resolution: number;
                                runs: number;
                                /** @description Consensus rounds over the accounts the runs disagreed on (0: they agreed). */
                                consensusRounds: number;
                                /** @description Disconnected communities left by the first local-moving pass (Louvain's first level) of the first run from singletons, before Leiden's refinement repairs them; the result's communities are always connected. */
                                louvainDisconnected: number;
                                /** @description Accounts in the unassigned group (their group was below minNicheSize). */
                                unassigned: number;
                                /** @description Mean share of runs that put an account (with ties) in its niche. */
                                meanConfidence: number;
                            };
                            /**
                             * AnalysisLineage
                             * @description Present once the analysis succeeded, when it had a baseline (each niche carries its own `lineage`).
                             */
                            lineage?: {
                                /** @description The baseline analysis its niches were matched to. */
                                baselineAnalysisId: string;
                                /** @description Niches per lineage event; dissolved: baseline niches related to no niche of this analysis. */
                                events: {
                                    continued: number;
                                    grown: number;
                                    shrunk: number;
                                    split: number;
                                    merged: number;
                                    born: number;
                                    dissolved: number;
                                };
                                /** @description The baseline niches that dissolved, with their size. */
                                dissolved: {
                                    nicheId: string;
                                    size: number;
                                }[];
                            };
                            /** @description Accounts erased from this stored result since it was computed (DELETE .../accounts/{accountId}); absent when none. Its summary counts (accounts, edges, unassigned) are updated; modularity and mean confidence are those computed with them. */
                            erasures?: number;
                            /** @description A succeeded analysis' Browser view: the (:Niche) and (:Community) nodes and IN_NICHE relationships that the queries of cypher/explore.cypher read in Neo4j Browser, materialized from the stored result after the analysis succeeded. 'pending' while it is written (those queries show nothing of it yet; a view whose writer died is written again at the next start of the service and, in fleet mode, by a worker's periodic sweep once the writer's lease ran out), 'written' once they do, 'failed' when a write gave up (written again at the next start of the service or of a fleet worker). Every results route and export reads the stored result and answers as soon as the analysis is succeeded, whatever this says. Absent before the analysis succeeded. */
                            browserView?: "pending" | "written" | "failed";
                            /**
                             * AnalysisProgress
                             * @description Present while the analysis is queued or running (with a shared queue: on any worker).
                             */
                            progress?: {
                                /** @description queued, then projection -> communities -> centrality -> scoring -> persistence. */
                                phase: "queued" | "projection" | "communities" | "centrality" | "scoring" | "persistence";
                                /** @description Coarse: the share of a typical run spent in the phases already finished. */
                                fraction: number;
                            };
                            /**
                             * AnalysisTimings
                             * @description Milliseconds per phase, stored with the analysis once it has finished. A phase that did not run (failure, cancellation) is absent; worker start-up is in total but in no phase.
                             */
                            timings?: {
                                /** @description Created -> a worker started it. */
                                queued?: number;
                                /** @description Reading the projection from Neo4j and building the compact graph. */
                                projection?: number;
                                /** @description Louvain. */
                                communities?: number;
                                /** @description Global and within-niche PageRank. */
                                centrality?: number;
                                /** @description Niche metrics, trust scores, ranking. */
                                scoring?: number;
                                /** @description Writing the result to Neo4j in its compact form, up to succeeded. */
                                persistence?: number;
                                /** @description After succeeded: writing the Browser view (browserView) from the stored result. */
                                browserView?: number;
                                /** @description Created -> finished. */
                                total?: number;
                            };
                            /** @description Which data the analysis read; present once its projection was read. */
                            projection?: {
                                /** @description The graph's version when the analysis read it: every interaction ingested up to it is included (later ones may be). Compare with the graph's `version`. */
                                graphVersion: number;
                                /** @description The projection came from the projection cache (same graph version and projection params as an earlier analysis). */
                                cached: boolean;
                            };
                        }[];
                    };
                };
            };
            /** @description Invalid request: every offending field is listed in `errors` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown API key (send Authorization: Bearer <key>) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the scope (or graph) this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than the router accepts */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or analyses-per-key limit reached; retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Neo4j unavailable, service overloaded or shutting down; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createAnalysis: {
        parameters: {
            query: {
                /** @description Seconds (at most 60) to hold the answer until the analysis has finished. */
                wait: number;
            };
            header?: {
                /** @description Makes the POST safe to retry: a retry with the same key (and the same body) returns the first answer without applying anything again. Kept IDEMPOTENCY_TTL_SECONDS (default 24 h). */
                "idempotency-key"?: string;
            };
            path: {
                /** @description Graph id. */
                graphId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "resolution": 1,
                 *       "seed": 42,
                 *       "typeWeights": {
                 *         "reply": 2,
                 *         "mention": 1,
                 *         "share": 0.5
                 *       },
                 *       "from": "2026-11-01T00:00:00Z",
                 *       "topK": 5
                 *     }
                 */
                "application/json": {
                    /** @description Niche-level resolution (modularity on the whole graph, inside each community): higher gives smaller niches. Absent: chosen so that the typical niche is at Dunbar's band layer (about 50 people). Communities always use resolution 1. */
                    resolution?: number;
                    /** @description Seed of the randomised steps; default 42. Same data, params and seed give the same niches. */
                    seed?: number;
                    /** @description Multiplier per interaction type (unlisted types: 1; 0 drops a type). */
                    typeWeights?: {
                        [key: string]: number;
                    };
                    /** @description ISO 8601 date-time with a time zone, or epoch milliseconds. */
                    from?: number | string;
                    /** @description ISO 8601 date-time with a time zone, or epoch milliseconds. */
                    to?: number | string;
                    /**
                     * @description Time decay: an ISO 8601 duration (e.g. "P30D", "PT12H", "P1Y6M"; a year is 365.2425 days, a month a twelfth of it). Each interaction then weighs weight * 2^(-age / halfLife), age measured from `to`, or without `to` from the latest interaction in the window; interactions without a timestamp are left out (as with `from`). Absent: no decay.
                     * @example P30D
                     */
                    halfLife?: string;
                    /**
                     * @description Pairs whose aggregated |weight| is below this are left out.
                     * @default 0
                     */
                    minWeight?: number;
                    /**
                     * @description Trusted members reported per niche.
                     * @default 10
                     */
                    topK?: number;
                    /**
                     * @description Seeded Leiden runs on the whole graph; where they disagree, consensus clustering (Lancichinetti & Fortunato 2012) runs on the contracted rest only. 1 = one Leiden run.
                     * @default 2
                     */
                    runs?: number;
                    /**
                     * @description Groups smaller than this are not niches: their accounts are listed in the niche "unassigned".
                     * @default 3
                     */
                    minNicheSize?: number;
                    /** @description Aim the resolution at this typical niche size (accounts; the niche of the median account) instead of using `resolution`. E.g. {min: 15, max: 50}: between the sympathy group and the band of Dunbar's layers. */
                    nicheSize?: {
                        min: number;
                        max: number;
                    };
                    /** @description The earlier analysis of this graph whose niches this one is matched to (lineage, stable niche ids, warm start). It must have succeeded. Absent: the latest succeeded analysis of the graph created before this one with the same `typeWeights`, `minWeight` and `halfLife` (the time window may differ), if any, found when the analysis runs. null: none (every niche gets a new id). */
                    baseline?: string | null;
                    /**
                     * @description With a baseline, start the niches and communities from the baseline's (as Neo4j GDS's seedProperty): re-runs keep their niches and ids where the data did not change; a change every seeded run makes is taken, one they disagree on is not (the baseline's niche stays). false: start from scratch (lineage and ids are still matched). Membership confidence and niche stability then measure agreement among runs started from the baseline.
                     * @default true
                     */
                    warmStart?: boolean;
                    /** @description Extra whole-graph centralities reported per account (member lists and account results): HITS hubs and authorities, eigenvector, coreNumber (k-shell), harmonic closeness, betweenness (exact up to 2,000 accounts, seeded pivot sampling above), in/out degree. They do not enter the trust score. Betweenness and harmonic closeness cost one graph search per account (or pivot). */
                    centralities?: ("hubs" | "authorities" | "eigenvector" | "coreNumber" | "harmonic" | "betweenness" | "inDegree" | "outDegree")[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "6f1c2b9e-8d4a-4c1e-9a57-0e2f7f3b9a10",
                     *       "graphId": "acme-forum",
                     *       "status": "succeeded",
                     *       "params": {
                     *         "resolution": null,
                     *         "seed": 42,
                     *         "typeWeights": {},
                     *         "from": null,
                     *         "to": null,
                     *         "minWeight": 0,
                     *         "topK": 10,
                     *         "runs": 2,
                     *         "minNicheSize": 3,
                     *         "nicheSize": null
                     *       },
                     *       "createdAt": "2026-11-27T10:00:00.000Z",
                     *       "startedAt": "2026-11-27T10:00:00.010Z",
                     *       "finishedAt": "2026-11-27T10:00:01.200Z",
                     *       "summary": {
                     *         "accounts": 3000,
                     *         "edges": 18461,
                     *         "niches": 40,
                     *         "modularity": 0.83,
                     *         "resolution": 1,
                     *         "runs": 2,
                     *         "consensusRounds": 2,
                     *         "louvainDisconnected": 0,
                     *         "unassigned": 2,
                     *         "meanConfidence": 0.999
                     *       }
                     *     }
                     */
                    "application/json": {
                        id: string;
                        graphId: string;
                        status: "queued" | "running" | "succeeded" | "failed";
                        /**
                         * AnalysisParams
                         * @description The effective parameters, defaults filled in.
                         */
                        params: {
                            /** @description The niche-level resolution asked for; null: the default rule. */
                            resolution: number | null;
                            seed: number;
                            typeWeights: {
                                [key: string]: number;
                            };
                            from: string | null;
                            to: string | null;
                            /** @description The time decay asked for (ISO 8601 duration); null: none. */
                            halfLife?: string | null;
                            minWeight: number;
                            topK: number;
                            runs?: number;
                            minNicheSize?: number;
                            nicheSize?: {
                                min: number;
                                max: number;
                            } | null;
                            centralities?: string[];
                            /** @description The baseline asked for (absent: the default rule; see `lineage` for the one used). */
                            baseline?: string | null;
                            warmStart?: boolean;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                        /** @description Why a failed analysis failed: "cancelled" (DELETE), "timed out: ..." (it ran past the service's maximum duration, ANALYSIS_MAX_SECONDS), "interrupted: ..." (the service stopped while it was queued or ran) or the failure's message. Nothing of a failed analysis is kept. */
                        error?: string;
                        summary?: {
                            accounts: number;
                            /** @description Undirected account pairs with positive weight. */
                            edges: number;
                            niches: number;
                            /** @description Communities (modularity at resolution 1); every niche lies in one. */
                            communities?: number;
                            /** @description Modularity (resolution 1) of the communities, comparable with igraph, NetworKit and leidenalg. */
                            modularity: number;
                            /** @description Modularity (resolution 1) of the niches. */
                            nicheModularity?: number;
                            /** @description The niche-level resolution used (given, chosen from nicheSize, or by the default rule). */
                            resolution: number;
                            runs: number;
                            /** @description Consensus rounds over the accounts the runs disagreed on (0: they agreed). */
                            consensusRounds: number;
                            /** @description Disconnected communities left by the first local-moving pass (Louvain's first level) of the first run from singletons, before Leiden's refinement repairs them; the result's communities are always connected. */
                            louvainDisconnected: number;
                            /** @description Accounts in the unassigned group (their group was below minNicheSize). */
                            unassigned: number;
                            /** @description Mean share of runs that put an account (with ties) in its niche. */
                            meanConfidence: number;
                        };
                        /**
                         * AnalysisLineage
                         * @description Present once the analysis succeeded, when it had a baseline (each niche carries its own `lineage`).
                         */
                        lineage?: {
                            /** @description The baseline analysis its niches were matched to. */
                            baselineAnalysisId: string;
                            /** @description Niches per lineage event; dissolved: baseline niches related to no niche of this analysis. */
                            events: {
                                continued: number;
                                grown: number;
                                shrunk: number;
                                split: number;
                                merged: number;
                                born: number;
                                dissolved: number;
                            };
                            /** @description The baseline niches that dissolved, with their size. */
                            dissolved: {
                                nicheId: string;
                                size: number;
                            }[];
                        };
                        /** @description Accounts erased from this stored result since it was computed (DELETE .../accounts/{accountId}); absent when none. Its summary counts (accounts, edges, unassigned) are updated; modularity and mean confidence are those computed with them. */
                        erasures?: number;
                        /** @description A succeeded analysis' Browser view: the (:Niche) and (:Community) nodes and IN_NICHE relationships that the queries of cypher/explore.cypher read in Neo4j Browser, materialized from the stored result after the analysis succeeded. 'pending' while it is written (those queries show nothing of it yet; a view whose writer died is written again at the next start of the service and, in fleet mode, by a worker's periodic sweep once the writer's lease ran out), 'written' once they do, 'failed' when a write gave up (written again at the next start of the service or of a fleet worker). Every results route and export reads the stored result and answers as soon as the analysis is succeeded, whatever this says. Absent before the analysis succeeded. */
                        browserView?: "pending" | "written" | "failed";
                        /**
                         * AnalysisProgress
                         * @description Present while the analysis is queued or running (with a shared queue: on any worker).
                         */
                        progress?: {
                            /** @description queued, then projection -> communities -> centrality -> scoring -> persistence. */
                            phase: "queued" | "projection" | "communities" | "centrality" | "scoring" | "persistence";
                            /** @description Coarse: the share of a typical run spent in the phases already finished. */
                            fraction: number;
                        };
                        /**
                         * AnalysisTimings
                         * @description Milliseconds per phase, stored with the analysis once it has finished. A phase that did not run (failure, cancellation) is absent; worker start-up is in total but in no phase.
                         */
                        timings?: {
                            /** @description Created -> a worker started it. */
                            queued?: number;
                            /** @description Reading the projection from Neo4j and building the compact graph. */
                            projection?: number;
                            /** @description Louvain. */
                            communities?: number;
                            /** @description Global and within-niche PageRank. */
                            centrality?: number;
                            /** @description Niche metrics, trust scores, ranking. */
                            scoring?: number;
                            /** @description Writing the result to Neo4j in its compact form, up to succeeded. */
                            persistence?: number;
                            /** @description After succeeded: writing the Browser view (browserView) from the stored result. */
                            browserView?: number;
                            /** @description Created -> finished. */
                            total?: number;
                        };
                        /** @description Which data the analysis read; present once its projection was read. */
                        projection?: {
                            /** @description The graph's version when the analysis read it: every interaction ingested up to it is included (later ones may be). Compare with the graph's `version`. */
                            graphVersion: number;
                            /** @description The projection came from the projection cache (same graph version and projection params as an earlier analysis). */
                            cached: boolean;
                        };
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "6f1c2b9e-8d4a-4c1e-9a57-0e2f7f3b9a10",
                     *       "graphId": "acme-forum",
                     *       "status": "succeeded",
                     *       "params": {
                     *         "resolution": null,
                     *         "seed": 42,
                     *         "typeWeights": {},
                     *         "from": null,
                     *         "to": null,
                     *         "minWeight": 0,
                     *         "topK": 10,
                     *         "runs": 2,
                     *         "minNicheSize": 3,
                     *         "nicheSize": null
                     *       },
                     *       "createdAt": "2026-11-27T10:00:00.000Z",
                     *       "startedAt": "2026-11-27T10:00:00.010Z",
                     *       "finishedAt": "2026-11-27T10:00:01.200Z",
                     *       "summary": {
                     *         "accounts": 3000,
                     *         "edges": 18461,
                     *         "niches": 40,
                     *         "modularity": 0.83,
                     *         "resolution": 1,
                     *         "runs": 2,
                     *         "consensusRounds": 2,
                     *         "louvainDisconnected": 0,
                     *         "unassigned": 2,
                     *         "meanConfidence": 0.999
                     *       }
                     *     }
                     */
                    "application/json": {
                        id: string;
                        graphId: string;
                        status: "queued" | "running" | "succeeded" | "failed";
                        /**
                         * AnalysisParams
                         * @description The effective parameters, defaults filled in.
                         */
                        params: {
                            /** @description The niche-level resolution asked for; null: the default rule. */
                            resolution: number | null;
                            seed: number;
                            typeWeights: {
                                [key: string]: number;
                            };
                            from: string | null;
                            to: string | null;
                            /** @description The time decay asked for (ISO 8601 duration); null: none. */
                            halfLife?: string | null;
                            minWeight: number;
                            topK: number;
                            runs?: number;
                            minNicheSize?: number;
                            nicheSize?: {
                                min: number;
                                max: number;
                            } | null;
                            centralities?: string[];
                            /** @description The baseline asked for (absent: the default rule; see `lineage` for the one used). */
                            baseline?: string | null;
                            warmStart?: boolean;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                        /** @description Why a failed analysis failed: "cancelled" (DELETE), "timed out: ..." (it ran past the service's maximum duration, ANALYSIS_MAX_SECONDS), "interrupted: ..." (the service stopped while it was queued or ran) or the failure's message. Nothing of a failed analysis is kept. */
                        error?: string;
                        summary?: {
                            accounts: number;
                            /** @description Undirected account pairs with positive weight. */
                            edges: number;
                            niches: number;
                            /** @description Communities (modularity at resolution 1); every niche lies in one. */
                            communities?: number;
                            /** @description Modularity (resolution 1) of the communities, comparable with igraph, NetworKit and leidenalg. */
                            modularity: number;
                            /** @description Modularity (resolution 1) of the niches. */
                            nicheModularity?: number;
                            /** @description The niche-level resolution used (given, chosen from nicheSize, or by the default rule). */
                            resolution: number;
                            runs: number;
                            /** @description Consensus rounds over the accounts the runs disagreed on (0: they agreed). */
                            consensusRounds: number;
                            /** @description Disconnected communities left by the first local-moving pass (Louvain's first level) of the first run from singletons, before Leiden's refinement repairs them; the result's communities are always connected. */
                            louvainDisconnected: number;
                            /** @description Accounts in the unassigned group (their group was below minNicheSize). */
                            unassigned: number;
                            /** @description Mean share of runs that put an account (with ties) in its niche. */
                            meanConfidence: number;
                        };
                        /**
                         * AnalysisLineage
                         * @description Present once the analysis succeeded, when it had a baseline (each niche carries its own `lineage`).
                         */
                        lineage?: {
                            /** @description The baseline analysis its niches were matched to. */
                            baselineAnalysisId: string;
                            /** @description Niches per lineage event; dissolved: baseline niches related to no niche of this analysis. */
                            events: {
                                continued: number;
                                grown: number;
                                shrunk: number;
                                split: number;
                                merged: number;
                                born: number;
                                dissolved: number;
                            };
                            /** @description The baseline niches that dissolved, with their size. */
                            dissolved: {
                                nicheId: string;
                                size: number;
                            }[];
                        };
                        /** @description Accounts erased from this stored result since it was computed (DELETE .../accounts/{accountId}); absent when none. Its summary counts (accounts, edges, unassigned) are updated; modularity and mean confidence are those computed with them. */
                        erasures?: number;
                        /** @description A succeeded analysis' Browser view: the (:Niche) and (:Community) nodes and IN_NICHE relationships that the queries of cypher/explore.cypher read in Neo4j Browser, materialized from the stored result after the analysis succeeded. 'pending' while it is written (those queries show nothing of it yet; a view whose writer died is written again at the next start of the service and, in fleet mode, by a worker's periodic sweep once the writer's lease ran out), 'written' once they do, 'failed' when a write gave up (written again at the next start of the service or of a fleet worker). Every results route and export reads the stored result and answers as soon as the analysis is succeeded, whatever this says. Absent before the analysis succeeded. */
                        browserView?: "pending" | "written" | "failed";
                        /**
                         * AnalysisProgress
                         * @description Present while the analysis is queued or running (with a shared queue: on any worker).
                         */
                        progress?: {
                            /** @description queued, then projection -> communities -> centrality -> scoring -> persistence. */
                            phase: "queued" | "projection" | "communities" | "centrality" | "scoring" | "persistence";
                            /** @description Coarse: the share of a typical run spent in the phases already finished. */
                            fraction: number;
                        };
                        /**
                         * AnalysisTimings
                         * @description Milliseconds per phase, stored with the analysis once it has finished. A phase that did not run (failure, cancellation) is absent; worker start-up is in total but in no phase.
                         */
                        timings?: {
                            /** @description Created -> a worker started it. */
                            queued?: number;
                            /** @description Reading the projection from Neo4j and building the compact graph. */
                            projection?: number;
                            /** @description Louvain. */
                            communities?: number;
                            /** @description Global and within-niche PageRank. */
                            centrality?: number;
                            /** @description Niche metrics, trust scores, ranking. */
                            scoring?: number;
                            /** @description Writing the result to Neo4j in its compact form, up to succeeded. */
                            persistence?: number;
                            /** @description After succeeded: writing the Browser view (browserView) from the stored result. */
                            browserView?: number;
                            /** @description Created -> finished. */
                            total?: number;
                        };
                        /** @description Which data the analysis read; present once its projection was read. */
                        projection?: {
                            /** @description The graph's version when the analysis read it: every interaction ingested up to it is included (later ones may be). Compare with the graph's `version`. */
                            graphVersion: number;
                            /** @description The projection came from the projection cache (same graph version and projection params as an earlier analysis). */
                            cached: boolean;
                        };
                    };
                };
            };
            /** @description Invalid request: every offending field is listed in `errors` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown API key (send Authorization: Bearer <key>) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the scope (or graph) this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state (or a request with the same Idempotency-Key is still running) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body or batch too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than the router accepts */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or analyses-per-key limit reached; retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Neo4j unavailable, service overloaded or shutting down; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAnalysis: {
        parameters: {
            query: {
                /** @description Seconds (at most 60) to hold the answer until the analysis has finished. */
                wait: number;
            };
            header?: never;
            path: {
                /** @description Analysis id. */
                analysisId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "6f1c2b9e-8d4a-4c1e-9a57-0e2f7f3b9a10",
                     *       "graphId": "acme-forum",
                     *       "status": "succeeded",
                     *       "params": {
                     *         "resolution": null,
                     *         "seed": 42,
                     *         "typeWeights": {},
                     *         "from": null,
                     *         "to": null,
                     *         "minWeight": 0,
                     *         "topK": 10,
                     *         "runs": 2,
                     *         "minNicheSize": 3,
                     *         "nicheSize": null
                     *       },
                     *       "createdAt": "2026-11-27T10:00:00.000Z",
                     *       "startedAt": "2026-11-27T10:00:00.010Z",
                     *       "finishedAt": "2026-11-27T10:00:01.200Z",
                     *       "summary": {
                     *         "accounts": 3000,
                     *         "edges": 18461,
                     *         "niches": 40,
                     *         "modularity": 0.83,
                     *         "resolution": 1,
                     *         "runs": 2,
                     *         "consensusRounds": 2,
                     *         "louvainDisconnected": 0,
                     *         "unassigned": 2,
                     *         "meanConfidence": 0.999
                     *       }
                     *     }
                     */
                    "application/json": {
                        id: string;
                        graphId: string;
                        status: "queued" | "running" | "succeeded" | "failed";
                        /**
                         * AnalysisParams
                         * @description The effective parameters, defaults filled in.
                         */
                        params: {
                            /** @description The niche-level resolution asked for; null: the default rule. */
                            resolution: number | null;
                            seed: number;
                            typeWeights: {
                                [key: string]: number;
                            };
                            from: string | null;
                            to: string | null;
                            /** @description The time decay asked for (ISO 8601 duration); null: none. */
                            halfLife?: string | null;
                            minWeight: number;
                            topK: number;
                            runs?: number;
                            minNicheSize?: number;
                            nicheSize?: {
                                min: number;
                                max: number;
                            } | null;
                            centralities?: string[];
                            /** @description The baseline asked for (absent: the default rule; see `lineage` for the one used). */
                            baseline?: string | null;
                            warmStart?: boolean;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                        /** @description Why a failed analysis failed: "cancelled" (DELETE), "timed out: ..." (it ran past the service's maximum duration, ANALYSIS_MAX_SECONDS), "interrupted: ..." (the service stopped while it was queued or ran) or the failure's message. Nothing of a failed analysis is kept. */
                        error?: string;
                        summary?: {
                            accounts: number;
                            /** @description Undirected account pairs with positive weight. */
                            edges: number;
                            niches: number;
                            /** @description Communities (modularity at resolution 1); every niche lies in one. */
                            communities?: number;
                            /** @description Modularity (resolution 1) of the communities, comparable with igraph, NetworKit and leidenalg. */
                            modularity: number;
                            /** @description Modularity (resolution 1) of the niches. */
                            nicheModularity?: number;
                            /** @description The niche-level resolution used (given, chosen from nicheSize, or by the default rule). */
                            resolution: number;
                            runs: number;
                            /** @description Consensus rounds over the accounts the runs disagreed on (0: they agreed). */
                            consensusRounds: number;
                            /** @description Disconnected communities left by the first local-moving pass (Louvain's first level) of the first run from singletons, before Leiden's refinement repairs them; the result's communities are always connected. */
                            louvainDisconnected: number;
                            /** @description Accounts in the unassigned group (their group was below minNicheSize). */
                            unassigned: number;
                            /** @description Mean share of runs that put an account (with ties) in its niche. */
                            meanConfidence: number;
                        };
                        /**
                         * AnalysisLineage
                         * @description Present once the analysis succeeded, when it had a baseline (each niche carries its own `lineage`).
                         */
                        lineage?: {
                            /** @description The baseline analysis its niches were matched to. */
                            baselineAnalysisId: string;
                            /** @description Niches per lineage event; dissolved: baseline niches related to no niche of this analysis. */
                            events: {
                                continued: number;
                                grown: number;
                                shrunk: number;
                                split: number;
                                merged: number;
                                born: number;
                                dissolved: number;
                            };
                            /** @description The baseline niches that dissolved, with their size. */
                            dissolved: {
                                nicheId: string;
                                size: number;
                            }[];
                        };
                        /** @description Accounts erased from this stored result since it was computed (DELETE .../accounts/{accountId}); absent when none. Its summary counts (accounts, edges, unassigned) are updated; modularity and mean confidence are those computed with them. */
                        erasures?: number;
                        /** @description A succeeded analysis' Browser view: the (:Niche) and (:Community) nodes and IN_NICHE relationships that the queries of cypher/explore.cypher read in Neo4j Browser, materialized from the stored result after the analysis succeeded. 'pending' while it is written (those queries show nothing of it yet; a view whose writer died is written again at the next start of the service and, in fleet mode, by a worker's periodic sweep once the writer's lease ran out), 'written' once they do, 'failed' when a write gave up (written again at the next start of the service or of a fleet worker). Every results route and export reads the stored result and answers as soon as the analysis is succeeded, whatever this says. Absent before the analysis succeeded. */
                        browserView?: "pending" | "written" | "failed";
                        /**
                         * AnalysisProgress
                         * @description Present while the analysis is queued or running (with a shared queue: on any worker).
                         */
                        progress?: {
                            /** @description queued, then projection -> communities -> centrality -> scoring -> persistence. */
                            phase: "queued" | "projection" | "communities" | "centrality" | "scoring" | "persistence";
                            /** @description Coarse: the share of a typical run spent in the phases already finished. */
                            fraction: number;
                        };
                        /**
                         * AnalysisTimings
                         * @description Milliseconds per phase, stored with the analysis once it has finished. A phase that did not run (failure, cancellation) is absent; worker start-up is in total but in no phase.
                         */
                        timings?: {
                            /** @description Created -> a worker started it. */
                            queued?: number;
                            /** @description Reading the projection from Neo4j and building the compact graph. */
                            projection?: number;
                            /** @description Louvain. */
                            communities?: number;
                            /** @description Global and within-niche PageRank. */
                            centrality?: number;
                            /** @description Niche metrics, trust scores, ranking. */
                            scoring?: number;
                            /** @description Writing the result to Neo4j in its compact form, up to succeeded. */
                            persistence?: number;
                            /** @description After succeeded: writing the Browser view (browserView) from the stored result. */
                            browserView?: number;
                            /** @description Created -> finished. */
                            total?: number;
                        };
                        /** @description Which data the analysis read; present once its projection was read. */
                        projection?: {
                            /** @description The graph's version when the analysis read it: every interaction ingested up to it is included (later ones may be). Compare with the graph's `version`. */
                            graphVersion: number;
                            /** @description The projection came from the projection cache (same graph version and projection params as an earlier analysis). */
                            cached: boolean;
                        };
                    };
                };
            };
            /** @description Invalid request: every offending field is listed in `errors` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown API key (send Authorization: Bearer <key>) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the scope (or graph) this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than the router accepts */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or analyses-per-key limit reached; retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Neo4j unavailable, service overloaded or shutting down; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelAnalysis: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Analysis id. */
                analysisId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "6f1c2b9e-8d4a-4c1e-9a57-0e2f7f3b9a10",
                     *       "graphId": "acme-forum",
                     *       "status": "succeeded",
                     *       "params": {
                     *         "resolution": null,
                     *         "seed": 42,
                     *         "typeWeights": {},
                     *         "from": null,
                     *         "to": null,
                     *         "minWeight": 0,
                     *         "topK": 10,
                     *         "runs": 2,
                     *         "minNicheSize": 3,
                     *         "nicheSize": null
                     *       },
                     *       "createdAt": "2026-11-27T10:00:00.000Z",
                     *       "startedAt": "2026-11-27T10:00:00.010Z",
                     *       "finishedAt": "2026-11-27T10:00:01.200Z",
                     *       "summary": {
                     *         "accounts": 3000,
                     *         "edges": 18461,
                     *         "niches": 40,
                     *         "modularity": 0.83,
                     *         "resolution": 1,
                     *         "runs": 2,
                     *         "consensusRounds": 2,
                     *         "louvainDisconnected": 0,
                     *         "unassigned": 2,
                     *         "meanConfidence": 0.999
                     *       }
                     *     }
                     */
                    "application/json": {
                        id: string;
                        graphId: string;
                        status: "queued" | "running" | "succeeded" | "failed";
                        /**
                         * AnalysisParams
                         * @description The effective parameters, defaults filled in.
                         */
                        params: {
                            /** @description The niche-level resolution asked for; null: the default rule. */
                            resolution: number | null;
                            seed: number;
                            typeWeights: {
                                [key: string]: number;
                            };
                            from: string | null;
                            to: string | null;
                            /** @description The time decay asked for (ISO 8601 duration); null: none. */
                            halfLife?: string | null;
                            minWeight: number;
                            topK: number;
                            runs?: number;
                            minNicheSize?: number;
                            nicheSize?: {
                                min: number;
                                max: number;
                            } | null;
                            centralities?: string[];
                            /** @description The baseline asked for (absent: the default rule; see `lineage` for the one used). */
                            baseline?: string | null;
                            warmStart?: boolean;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                        /** @description Why a failed analysis failed: "cancelled" (DELETE), "timed out: ..." (it ran past the service's maximum duration, ANALYSIS_MAX_SECONDS), "interrupted: ..." (the service stopped while it was queued or ran) or the failure's message. Nothing of a failed analysis is kept. */
                        error?: string;
                        summary?: {
                            accounts: number;
                            /** @description Undirected account pairs with positive weight. */
                            edges: number;
                            niches: number;
                            /** @description Communities (modularity at resolution 1); every niche lies in one. */
                            communities?: number;
                            /** @description Modularity (resolution 1) of the communities, comparable with igraph, NetworKit and leidenalg. */
                            modularity: number;
                            /** @description Modularity (resolution 1) of the niches. */
                            nicheModularity?: number;
                            /** @description The niche-level resolution used (given, chosen from nicheSize, or by the default rule). */
                            resolution: number;
                            runs: number;
                            /** @description Consensus rounds over the accounts the runs disagreed on (0: they agreed). */
                            consensusRounds: number;
                            /** @description Disconnected communities left by the first local-moving pass (Louvain's first level) of the first run from singletons, before Leiden's refinement repairs them; the result's communities are always connected. */
                            louvainDisconnected: number;
                            /** @description Accounts in the unassigned group (their group was below minNicheSize). */
                            unassigned: number;
                            /** @description Mean share of runs that put an account (with ties) in its niche. */
                            meanConfidence: number;
                        };
                        /**
                         * AnalysisLineage
                         * @description Present once the analysis succeeded, when it had a baseline (each niche carries its own `lineage`).
                         */
                        lineage?: {
                            /** @description The baseline analysis its niches were matched to. */
                            baselineAnalysisId: string;
                            /** @description Niches per lineage event; dissolved: baseline niches related to no niche of this analysis. */
                            events: {
                                continued: number;
                                grown: number;
                                shrunk: number;
                                split: number;
                                merged: number;
                                born: number;
                                dissolved: number;
                            };
                            /** @description The baseline niches that dissolved, with their size. */
                            dissolved: {
                                nicheId: string;
                                size: number;
                            }[];
                        };
                        /** @description Accounts erased from this stored result since it was computed (DELETE .../accounts/{accountId}); absent when none. Its summary counts (accounts, edges, unassigned) are updated; modularity and mean confidence are those computed with them. */
                        erasures?: number;
                        /** @description A succeeded analysis' Browser view: the (:Niche) and (:Community) nodes and IN_NICHE relationships that the queries of cypher/explore.cypher read in Neo4j Browser, materialized from the stored result after the analysis succeeded. 'pending' while it is written (those queries show nothing of it yet; a view whose writer died is written again at the next start of the service and, in fleet mode, by a worker's periodic sweep once the writer's lease ran out), 'written' once they do, 'failed' when a write gave up (written again at the next start of the service or of a fleet worker). Every results route and export reads the stored result and answers as soon as the analysis is succeeded, whatever this says. Absent before the analysis succeeded. */
                        browserView?: "pending" | "written" | "failed";
                        /**
                         * AnalysisProgress
                         * @description Present while the analysis is queued or running (with a shared queue: on any worker).
                         */
                        progress?: {
                            /** @description queued, then projection -> communities -> centrality -> scoring -> persistence. */
                            phase: "queued" | "projection" | "communities" | "centrality" | "scoring" | "persistence";
                            /** @description Coarse: the share of a typical run spent in the phases already finished. */
                            fraction: number;
                        };
                        /**
                         * AnalysisTimings
                         * @description Milliseconds per phase, stored with the analysis once it has finished. A phase that did not run (failure, cancellation) is absent; worker start-up is in total but in no phase.
                         */
                        timings?: {
                            /** @description Created -> a worker started it. */
                            queued?: number;
                            /** @description Reading the projection from Neo4j and building the compact graph. */
                            projection?: number;
                            /** @description Louvain. */
                            communities?: number;
                            /** @description Global and within-niche PageRank. */
                            centrality?: number;
                            /** @description Niche metrics, trust scores, ranking. */
                            scoring?: number;
                            /** @description Writing the result to Neo4j in its compact form, up to succeeded. */
                            persistence?: number;
                            /** @description After succeeded: writing the Browser view (browserView) from the stored result. */
                            browserView?: number;
                            /** @description Created -> finished. */
                            total?: number;
                        };
                        /** @description Which data the analysis read; present once its projection was read. */
                        projection?: {
                            /** @description The graph's version when the analysis read it: every interaction ingested up to it is included (later ones may be). Compare with the graph's `version`. */
                            graphVersion: number;
                            /** @description The projection came from the projection cache (same graph version and projection params as an earlier analysis). */
                            cached: boolean;
                        };
                    };
                };
            };
            /** @description Invalid request: every offending field is listed in `errors` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown API key (send Authorization: Bearer <key>) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the scope (or graph) this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state (or a request with the same Idempotency-Key is still running) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than the router accepts */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or analyses-per-key limit reached; retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Neo4j unavailable, service overloaded or shutting down; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listNiches: {
        parameters: {
            query: {
                /** @description Items per page. */
                limit: number;
                /** @description Items to skip. */
                offset: number;
            };
            header?: never;
            path: {
                /** @description Analysis id. */
                analysisId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        total: number;
                        limit: number;
                        offset: number;
                        items: {
                            /** @description Stable across the analyses of a graph, not a rank (niches are listed largest first): a niche that continues a niche of the baseline analysis keeps its id; a new one gets an id never used before in the graph ("n" + a number). "unassigned" is the group of accounts in no niche. */
                            id: string;
                            /** @description The community the niche lies in (see listCommunities); null for the unassigned group. */
                            communityId: string | null;
                            /** @description Members listed (an erasure removes its account from the list; 0 only when every member was erased). */
                            size: number;
                            /** @description Present (true) once an account of this niche was erased: the account is gone from every list, but density, conductance, stability, reciprocity, events, activity, dominant types and the members' scores are those the analysis computed with its interactions (not recomputed: a new analysis gives exact figures without it). */
                            redacted?: boolean;
                            /** @description Internal account pairs that interacted / all internal pairs. */
                            density: number;
                            /** @description Weight leaving the niche / min(volume of niche, volume of the rest); lower = more closed. */
                            conductance: number;
                            /** @description The topK members by trust score (broadcasters never listed). */
                            trusted: {
                                accountId: string;
                                score: number;
                            }[];
                            /** @description True for the group "unassigned": accounts whose group was below minNicheSize (not a niche). */
                            unassigned: boolean;
                            /** @description Mean Jaccard agreement with its counterpart in each Louvain run (1 = every run found it). */
                            stability: number;
                            /** @description Share of the internal positive weight that is reciprocated. */
                            reciprocity: number;
                            /** @description Interactions between members over the analysed window. */
                            events: number;
                            firstActivity: string | null;
                            lastActivity: string | null;
                            /** @description Internal events per day between the first and last one (at least one day). */
                            eventsPerDay: number;
                            /** @description Up to 3 interaction types by share of the internal events. */
                            dominantTypes: {
                                type: string;
                                share: number;
                            }[];
                            /** @description Connector hubs of the niche (Guimera & Amaral 2005), highest score first. */
                            bridges: {
                                accountId: string;
                                /** @description Guimera-Amaral participation coefficient. */
                                participation: number;
                                /** @description Niches its ties reach most, strongest first. */
                                toNiches: string[];
                            }[];
                            /** @description Where the niche comes from: present when the analysis has a baseline; null for the unassigned group. */
                            lineage?: {
                                baselineAnalysisId: string;
                                /** @description Relative to the baseline niches it relates to (Jaccard >= 0.3, Greene et al. 2010): born (none), merged (two or more), split (one, which relates to other niches too), grown / shrunk (one, one to one, at least 25% larger / smaller), continued. */
                                event: "continued" | "grown" | "shrunk" | "split" | "merged" | "born";
                                /** @description The baseline niches it relates to, highest Jaccard first. */
                                from: {
                                    nicheId: string;
                                    jaccard: number;
                                }[];
                            } | null;
                        }[];
                    };
                };
            };
            /** @description Not Modified: the ETag given in If-None-Match is current (no body). */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: every offending field is listed in `errors` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown API key (send Authorization: Bearer <key>) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the scope (or graph) this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state (or a request with the same Idempotency-Key is still running) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than the router accepts */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or analyses-per-key limit reached; retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Neo4j unavailable, service overloaded or shutting down; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCommunities: {
        parameters: {
            query: {
                /** @description Items per page. */
                limit: number;
                /** @description Items to skip. */
                offset: number;
            };
            header?: never;
            path: {
                /** @description Analysis id. */
                analysisId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        total: number;
                        limit: number;
                        offset: number;
                        items: {
                            /** @description c0 is the largest community of the analysis. */
                            id: string;
                            /** @description Accounts in the community (its niches and its accounts in the unassigned group). An erasure of a member of one of its niches lowers it (0 only when every member was erased); that of an account in the unassigned group does not (which community that account was in is not stored). */
                            size: number;
                            /** @description Internal account pairs that interacted / all internal pairs. */
                            density: number;
                            /** @description Weight leaving the community / min(volume of community, volume of the rest); lower = more closed. */
                            conductance: number;
                            /** @description Ids of the niches inside the community, largest first (see listNiches). */
                            niches: string[];
                            /** @description Accounts of the community in the unassigned group (their group was below minNicheSize). */
                            unassigned: number;
                            /** @description Present (true) once an account of one of its niches was erased: size counts it no longer, density and conductance are those the analysis computed with its interactions (not recomputed: a new analysis gives exact figures without it). */
                            redacted?: boolean;
                        }[];
                    };
                };
            };
            /** @description Not Modified: the ETag given in If-None-Match is current (no body). */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: every offending field is listed in `errors` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown API key (send Authorization: Bearer <key>) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the scope (or graph) this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state (or a request with the same Idempotency-Key is still running) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than the router accepts */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or analyses-per-key limit reached; retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Neo4j unavailable, service overloaded or shutting down; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listNicheMembers: {
        parameters: {
            query: {
                /** @description Items per page. */
                limit: number;
                /** @description Items to skip. */
                offset: number;
            };
            header?: never;
            path: {
                analysisId: string;
                nicheId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        total: number;
                        limit: number;
                        offset: number;
                        items: {
                            accountId: string;
                            /** @description Position in the niche by trust score: 0 = most trusted member. */
                            rank: number;
                            /** @description Trust score inside the niche = centrality * ties * positiveShare (1 = an average member). */
                            score: number;
                            /** @description Within-niche positive PageRank * niche size (1 = niche average). */
                            centrality: number;
                            /** @description Tie-strength factor 1 + (reciprocity + repeat + embeddedness) / 3, in [1, 2]. */
                            ties: number;
                            /** @description Net positive share of the weight received, max(0, (P - N + 2) / (P + N + 2)): each unit of complaint cancels one of praise; 1 without negative interactions. */
                            positiveShare: number;
                            /** @description Share of the in-niche weight received that the account gives back. */
                            reciprocity: number;
                            /** @description Share of in-niche contacts who came back (2+ interactions). */
                            repeat: number;
                            /** @description Mean neighbourhood overlap of its in-niche ties (Onnela et al. 2007). */
                            embeddedness: number;
                            /** @description Within-niche degree z-score (Guimera & Amaral 2005). */
                            withinDegreeZ: number;
                            /** @description Participation coefficient: 0 = all ties in its niche. */
                            participation: number;
                            /** @description Guimera-Amaral role (z >= 2.5: provincial hub if P <= 0.30, the nano-influencer shape; connector hub if P <= 0.75), or broadcaster: a global audience hub that answers fewer than 10% of those who write to it. */
                            role: "isolated" | "ultra-peripheral" | "peripheral" | "connector" | "kinless" | "provincial-hub" | "connector-hub" | "kinless-hub" | "broadcaster";
                            /** @description Share of the Louvain runs that put the account in its niche. */
                            confidence: number;
                            /** @description The extra centralities the analysis was asked for (its `centralities` param), by name. */
                            centralities?: {
                                hubs?: number;
                                authorities?: number;
                                eigenvector?: number;
                                coreNumber?: number;
                                harmonic?: number;
                                betweenness?: number;
                                inDegree?: number;
                                outDegree?: number;
                            };
                            /** @description Within-niche weighted PageRank on positive interactions. */
                            pagerank: number;
                            /** @description Whole-graph weighted PageRank on positive interactions. */
                            globalPagerank: number;
                            /** @description Positive weight received. */
                            inStrength: number;
                            /** @description Positive weight given. */
                            outStrength: number;
                            /** @description Negative weight received (absolute value). */
                            negativeInStrength: number;
                            /** @description Positive weight on all ties, both directions. */
                            weightedDegree: number;
                            /** @description Share of that weight inside the niche. */
                            internalShare: number;
                            /** @description Ids of its strongest reciprocal ties (up to 3), strongest first. */
                            topTies: string[];
                        }[];
                    };
                };
            };
            /** @description Not Modified: the ETag given in If-None-Match is current (no body). */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: every offending field is listed in `errors` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown API key (send Authorization: Bearer <key>) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the scope (or graph) this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state (or a request with the same Idempotency-Key is still running) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than the router accepts */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or analyses-per-key limit reached; retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Neo4j unavailable, service overloaded or shutting down; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAccountResult: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                analysisId: string;
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accountId: string;
                        analysisId: string;
                        niche: {
                            id: string;
                            size: number;
                            unassigned: boolean;
                        };
                        /** AccountScores */
                        scores: {
                            accountId: string;
                            /** @description Position in the niche by trust score: 0 = most trusted member. */
                            rank: number;
                            /** @description Trust score inside the niche = centrality * ties * positiveShare (1 = an average member). */
                            score: number;
                            /** @description Within-niche positive PageRank * niche size (1 = niche average). */
                            centrality: number;
                            /** @description Tie-strength factor 1 + (reciprocity + repeat + embeddedness) / 3, in [1, 2]. */
                            ties: number;
                            /** @description Net positive share of the weight received, max(0, (P - N + 2) / (P + N + 2)): each unit of complaint cancels one of praise; 1 without negative interactions. */
                            positiveShare: number;
                            /** @description Share of the in-niche weight received that the account gives back. */
                            reciprocity: number;
                            /** @description Share of in-niche contacts who came back (2+ interactions). */
                            repeat: number;
                            /** @description Mean neighbourhood overlap of its in-niche ties (Onnela et al. 2007). */
                            embeddedness: number;
                            /** @description Within-niche degree z-score (Guimera & Amaral 2005). */
                            withinDegreeZ: number;
                            /** @description Participation coefficient: 0 = all ties in its niche. */
                            participation: number;
                            /** @description Guimera-Amaral role (z >= 2.5: provincial hub if P <= 0.30, the nano-influencer shape; connector hub if P <= 0.75), or broadcaster: a global audience hub that answers fewer than 10% of those who write to it. */
                            role: "isolated" | "ultra-peripheral" | "peripheral" | "connector" | "kinless" | "provincial-hub" | "connector-hub" | "kinless-hub" | "broadcaster";
                            /** @description Share of the Louvain runs that put the account in its niche. */
                            confidence: number;
                            /** @description The extra centralities the analysis was asked for (its `centralities` param), by name. */
                            centralities?: {
                                hubs?: number;
                                authorities?: number;
                                eigenvector?: number;
                                coreNumber?: number;
                                harmonic?: number;
                                betweenness?: number;
                                inDegree?: number;
                                outDegree?: number;
                            };
                            /** @description Within-niche weighted PageRank on positive interactions. */
                            pagerank: number;
                            /** @description Whole-graph weighted PageRank on positive interactions. */
                            globalPagerank: number;
                            /** @description Positive weight received. */
                            inStrength: number;
                            /** @description Positive weight given. */
                            outStrength: number;
                            /** @description Negative weight received (absolute value). */
                            negativeInStrength: number;
                            /** @description Positive weight on all ties, both directions. */
                            weightedDegree: number;
                            /** @description Share of that weight inside the niche. */
                            internalShare: number;
                            /** @description Its strongest reciprocal ties (up to 3), strongest first. */
                            topTies: {
                                accountId: string;
                                /** @description Reciprocated weight min(w_ij, w_ji). */
                                weight: number;
                                /** @description Neighbourhood overlap of the tie (shared contacts). */
                                overlap: number;
                                sameNiche: boolean;
                            }[];
                        };
                        /** @description Why this score, in one sentence. */
                        explanation: string;
                    };
                };
            };
            /** @description Not Modified: the ETag given in If-None-Match is current (no body). */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: every offending field is listed in `errors` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown API key (send Authorization: Bearer <key>) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the scope (or graph) this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state (or a request with the same Idempotency-Key is still running) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than the router accepts */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or analyses-per-key limit reached; retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Neo4j unavailable, service overloaded or shutting down; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getNicheActivity: {
        parameters: {
            query: {
                /** @description UTC day, or ISO week (starting Monday 00:00 UTC). */
                bucket: "day" | "week";
            };
            header?: never;
            path: {
                analysisId: string;
                nicheId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Events between the niche's current members (self-loops and types weighted 0 left out), read from the graph: an erased account and its interactions are not counted; an event ingested after the analysis with a timestamp inside the span is (interactions carry no ingestion version), so the answer is not cached. The analysis's minWeight is not applied. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        analysisId: string;
                        nicheId: string;
                        bucket: "day" | "week";
                        /** @description The span counted: the niche's first internal activity the analysis recorded (null without timestamped events). */
                        from: string | null;
                        /** @description The niche's last internal activity the analysis recorded (inclusive): later events are not counted. */
                        to: string | null;
                        /** @description Events between current members in the span (a folded relationship counts its events). */
                        events: number;
                        /** @description Events of the span before the first bucket listed (at most 366 daily or 104 weekly buckets are listed, the latest ones). */
                        earlierEvents: number;
                        /** @description Contiguous buckets, oldest first, zeros included; empty for the unassigned group and without timestamped events. */
                        buckets: {
                            /** Format: date-time */
                            start: string;
                            events: number;
                        }[];
                    };
                };
            };
            /** @description Invalid request: every offending field is listed in `errors` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown API key (send Authorization: Bearer <key>) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the scope (or graph) this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state (or a request with the same Idempotency-Key is still running) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than the router accepts */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or analyses-per-key limit reached; retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Neo4j unavailable, service overloaded or shutting down; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportAnalysis: {
        parameters: {
            query: {
                /** @description ndjson | csv: one line per account. gexf | graphml: accounts as nodes, ties as weighted undirected edges. */
                format: "ndjson" | "csv" | "gexf" | "graphml";
            };
            header?: never;
            path: {
                /** @description Analysis id. */
                analysisId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export, streamed (chunked). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @description One JSON object per account. */
                    "application/x-ndjson": string;
                    /** @description RFC 4180, a header row; text cells a spreadsheet would run as formulas start with an apostrophe. */
                    "text/csv": string;
                    /** @description GEXF 1.2. */
                    "application/gexf+xml": string;
                    /** @description GraphML. */
                    "application/graphml+xml": string;
                };
            };
            /** @description Invalid request: every offending field is listed in `errors` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown API key (send Authorization: Bearer <key>) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the scope (or graph) this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state (or a request with the same Idempotency-Key is still running) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than the router accepts */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or analyses-per-key limit reached; retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Neo4j unavailable, service overloaded or shutting down; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getNicheGraph: {
        parameters: {
            query: {
                /** @description Strongest links returned. */
                maxLinks: number;
            };
            header?: never;
            path: {
                analysisId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        analysisId: string;
                        /** @description Largest first; the unassigned group (not a niche) last. */
                        niches: {
                            id: string;
                            size: number;
                            /** @description The community the niche lies in; null for the unassigned group. */
                            communityId: string | null;
                            unassigned: boolean;
                        }[];
                        /** @description Strongest first; at most `maxLinks`. */
                        links: {
                            source: string;
                            target: string;
                            /** @description Summed positive weight of the ties between the two niches. */
                            weight: number;
                            /** @description How many ties join them. */
                            ties: number;
                        }[];
                        /** @description Pairs of niches joined by at least one tie. */
                        totalLinks: number;
                        /** @description Communities (groups of niches), largest first. */
                        communities: {
                            id: string;
                            niches: number;
                            /** @description Accounts in its niches. */
                            size: number;
                        }[];
                    };
                };
            };
            /** @description Invalid request: every offending field is listed in `errors` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown API key (send Authorization: Bearer <key>) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the scope (or graph) this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state (or a request with the same Idempotency-Key is still running) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than the router accepts */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or analyses-per-key limit reached; retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Neo4j unavailable, service overloaded or shutting down; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listNicheTies: {
        parameters: {
            query: {
                limit: number;
                offset: number;
            };
            header?: never;
            path: {
                analysisId: string;
                nicheId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        total: number;
                        limit: number;
                        offset: number;
                        items: {
                            source: string;
                            target: string;
                            /** @description Positive weight both ways. */
                            weight: number;
                            /** @description min of the two directions: 0 for a one-way tie; null for an analysis stored before ties carried it. */
                            reciprocated: number | null;
                        }[];
                    };
                };
            };
            /** @description Invalid request: every offending field is listed in `errors` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown API key (send Authorization: Bearer <key>) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the scope (or graph) this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state (or a request with the same Idempotency-Key is still running) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than the router accepts */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or analyses-per-key limit reached; retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Neo4j unavailable, service overloaded or shutting down; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAccountGraph: {
        parameters: {
            query: {
                maxAccounts: number;
            };
            header?: never;
            path: {
                analysisId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        analysisId: string;
                        niches: {
                            id: string;
                            size: number;
                            /** @description The community the niche lies in; null for the unassigned group. */
                            communityId: string | null;
                            unassigned: boolean;
                        }[];
                        /** @description Columns, one entry per account, niche by niche. */
                        accounts: {
                            id: string[];
                            /** @description Index into `niches`. */
                            niche: number[];
                            score: number[];
                            /** @description Position in its niche by trust score (0 = most trusted). */
                            rank: number[];
                            role: string[];
                        };
                        /** @description Columns, one entry per undirected tie: the ties the analysis saw, internal ones niche by niche, then those between niches. */
                        ties: {
                            /** @description Index into the account columns. */
                            source: number[];
                            target: number[];
                            weight: number[];
                            /** @description min of the two directions; absent for an analysis stored before ties carried it. */
                            reciprocated?: number[];
                        };
                    };
                };
            };
            /** @description Invalid request: every offending field is listed in `errors` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown API key (send Authorization: Bearer <key>) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the scope (or graph) this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state (or a request with the same Idempotency-Key is still running) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than the router accepts */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too large to draw whole (NG_GRAPH_TOO_LARGE) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or analyses-per-key limit reached; retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Neo4j unavailable, service overloaded or shutting down; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAmbassadors: {
        parameters: {
            query: {
                /** @description How many accounts to equip (at most 1000; 100 inside one niche). */
                budget: number;
                /** @description Choose only among the members of this niche. */
                niche?: string;
                /** @description Choose only among the members of this community. */
                community?: string;
            };
            header?: never;
            path: {
                analysisId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        analysisId: string;
                        scope: {
                            kind: "all" | "niche" | "community";
                            id: string | null;
                        };
                        budget: number;
                        /** @description How the order is made. */
                        method: string;
                        /** @description Accounts that could be chosen (in a niche, not broadcasters, trust > 0, a reciprocal tie). */
                        candidates: number;
                        /** @description Accounts the whole list reaches (itself included). */
                        reached: number;
                        nichesReached: number;
                        /** @description Niches of the analysis (or of the scope). */
                        niches: number;
                        items: {
                            /** @description 1 = the first to equip; the first K of any longer answer are the answer for budget K. */
                            position: number;
                            accountId: string;
                            nicheId: string;
                            communityId: string;
                            /** @description Its trust score in its niche. */
                            score: number;
                            /** @description score / (1 + score): how much its circle trusts it, in (0, 1). */
                            trust: number;
                            role: string;
                            /** @description Accounts in niches with which it has a reciprocal tie. */
                            circle: number;
                            /** @description Accounts no earlier pick reached (itself included). */
                            newlyReached: number;
                            /** @description Niches no earlier pick reached. */
                            newNiches: number;
                            /** @description Increase of the coverage objective (sum over niches of sqrt(covered)). */
                            gain: number;
                            /** @description Accounts reached by the picks up to this one. */
                            reached: number;
                            /** @description Niches reached by the picks up to this one. */
                            nichesReached: number;
                            /** @description Why it was picked and what it adds, in one sentence. */
                            why: string;
                        }[];
                    };
                };
            };
            /** @description Invalid request: every offending field is listed in `errors` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown API key (send Authorization: Bearer <key>) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The API key lacks the scope (or graph) this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the current state (or a request with the same Idempotency-Key is still running) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path parameter is longer than the router accepts */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit or analyses-per-key limit reached; retry after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Neo4j unavailable, service overloaded or shutting down; retry after Retry-After seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
