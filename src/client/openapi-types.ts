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
         */
        post: operations["ingestInteractions"];
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
        get?: never;
        put?: never;
        /**
         * Start an analysis: niches (Louvain) and their trusted members
         * @description Answers 202 with the queued analysis and its Location at once. With ?wait=N the answer is held up to N seconds; if the analysis finishes in time the answer is 200 with the finished analysis.
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
         * Read an analysis: status, parameters, summary
         * @description With ?wait=N the answer is held up to N seconds while the analysis is queued or running.
         */
        get: operations["getAnalysis"];
        put?: never;
        post?: never;
        delete?: never;
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
                     *       "createdAt": "2026-11-27T10:00:00.000Z"
                     *     }
                     */
                    "application/json": {
                        id: string;
                        name: string;
                        description: string | null;
                        /** Format: date-time */
                        createdAt: string;
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
                     *       "accounts": 3000,
                     *       "interactions": 71234
                     *     }
                     */
                    "application/json": {
                        id: string;
                        name: string;
                        description: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        accounts: number;
                        interactions: number;
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
                     *       "duplicates": 0
                     *     }
                     */
                    "application/json": {
                        /** @description Interactions in the request. */
                        received: number;
                        /** @description Interactions newly stored. */
                        stored: number;
                        /** @description Interactions whose id was already stored (or repeated in this batch). */
                        duplicates: number;
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
                    /**
                     * @description Louvain resolution: higher gives smaller niches.
                     * @default 1
                     */
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
                     * @description Pairs whose aggregated |weight| is below this are left out.
                     * @default 0
                     */
                    minWeight?: number;
                    /**
                     * @description Trusted members reported per niche.
                     * @default 10
                     */
                    topK?: number;
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
                     *         "resolution": 1,
                     *         "seed": 42,
                     *         "typeWeights": {},
                     *         "from": null,
                     *         "to": null,
                     *         "minWeight": 0,
                     *         "topK": 10
                     *       },
                     *       "createdAt": "2026-11-27T10:00:00.000Z",
                     *       "startedAt": "2026-11-27T10:00:00.010Z",
                     *       "finishedAt": "2026-11-27T10:00:01.200Z",
                     *       "summary": {
                     *         "accounts": 3000,
                     *         "edges": 41000,
                     *         "niches": 38,
                     *         "modularity": 0.71
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
                            resolution: number;
                            seed: number;
                            typeWeights: {
                                [key: string]: number;
                            };
                            from: string | null;
                            to: string | null;
                            minWeight: number;
                            topK: number;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                        error?: string;
                        summary?: {
                            accounts: number;
                            /** @description Undirected account pairs with positive weight. */
                            edges: number;
                            niches: number;
                            modularity: number;
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
                     *         "resolution": 1,
                     *         "seed": 42,
                     *         "typeWeights": {},
                     *         "from": null,
                     *         "to": null,
                     *         "minWeight": 0,
                     *         "topK": 10
                     *       },
                     *       "createdAt": "2026-11-27T10:00:00.000Z",
                     *       "startedAt": "2026-11-27T10:00:00.010Z",
                     *       "finishedAt": "2026-11-27T10:00:01.200Z",
                     *       "summary": {
                     *         "accounts": 3000,
                     *         "edges": 41000,
                     *         "niches": 38,
                     *         "modularity": 0.71
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
                            resolution: number;
                            seed: number;
                            typeWeights: {
                                [key: string]: number;
                            };
                            from: string | null;
                            to: string | null;
                            minWeight: number;
                            topK: number;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                        error?: string;
                        summary?: {
                            accounts: number;
                            /** @description Undirected account pairs with positive weight. */
                            edges: number;
                            niches: number;
                            modularity: number;
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
                     *         "resolution": 1,
                     *         "seed": 42,
                     *         "typeWeights": {},
                     *         "from": null,
                     *         "to": null,
                     *         "minWeight": 0,
                     *         "topK": 10
                     *       },
                     *       "createdAt": "2026-11-27T10:00:00.000Z",
                     *       "startedAt": "2026-11-27T10:00:00.010Z",
                     *       "finishedAt": "2026-11-27T10:00:01.200Z",
                     *       "summary": {
                     *         "accounts": 3000,
                     *         "edges": 41000,
                     *         "niches": 38,
                     *         "modularity": 0.71
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
                            resolution: number;
                            seed: number;
                            typeWeights: {
                                [key: string]: number;
                            };
                            from: string | null;
                            to: string | null;
                            minWeight: number;
                            topK: number;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                        error?: string;
                        summary?: {
                            accounts: number;
                            /** @description Undirected account pairs with positive weight. */
                            edges: number;
                            niches: number;
                            modularity: number;
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
                            /** @description n0 is the largest niche of the analysis. */
                            id: string;
                            size: number;
                            /** @description Internal account pairs that interacted / all internal pairs. */
                            density: number;
                            /** @description Weight leaving the niche / min(volume of niche, volume of the rest); lower = more closed. */
                            conductance: number;
                            /** @description The topK members by trust score. */
                            trusted: {
                                accountId: string;
                                score: number;
                            }[];
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
                            /** @description Trust score inside the niche (v0: within-niche PageRank on positive interactions, lowered by negative ones). */
                            score: number;
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
                        };
                        /** NicheMember */
                        scores: {
                            accountId: string;
                            /** @description Position in the niche by trust score: 0 = most trusted member. */
                            rank: number;
                            /** @description Trust score inside the niche (v0: within-niche PageRank on positive interactions, lowered by negative ones). */
                            score: number;
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
}
