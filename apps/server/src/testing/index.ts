// @palique/server/testing: the one test harness of every suite (server, widget, scale-out, e2e)
// and of bench/. Servers in-process or as processes, throw-away databases, typed clients, the
// API, accounts, and reading back what was stored. Its only hold on the server's insides is
// buildApp(config) → { app, io, close } (in-process.ts); the rest goes through the API.
export { freePort } from './ports';
export { createThrowawayDatabase, type ThrowawayDatabase } from './throwaway-database';
export { newStoredConversation, storageBackends, visitorMessageFor, type EmptyDatabase, type StorageBackend } from './storage-backends';
export { startRedisServer, type RedisServer } from './redis-server';
export { startDovecot, type DovecotOptions, type DovecotServer, type StoredMail } from './dovecot';
export { startInProcessServer, type InProcessOptions, type InProcessServer, type StorageLocation } from './in-process';
export { startServerProcess, type ServerProcess, type ServerProcessOptions } from './child-process';
export { startCluster, type Cluster, type ClusterOptions } from './cluster';
export { api, apiAtOnce, clientId, sessionCookieOf, signIn, uniqueEmail, type ApiOptions, type ApiRequest, type ApiResult, type Reachable } from './api';
export { connectAgent, connectVisitor, type AgentSocket, type TestSocket, type VisitorSocket } from './clients';
export { addAccount, addAgent, setupOwner, type HarnessedServer, type OwnerDetails, type OwnerSession } from './accounts';
export { backdateVisitor, messageRowsOfConversation, rowsOfVisitor, timerRowsOfConversation, storedAccountNames, storedPasswordHash } from './database-rows';
export { triggerRowsOfVisitor } from './database-rows';
export { conversationOf, conversationOfVisitor, conversationsOf, messagesOf, messagesOfAccount, visitorAsStored } from './stored';
export { eventually } from './eventually';
export { openRawConnection, within, type RawConnection } from './raw-connection';
export { rawRequest, type RawResponse } from './raw-http';
export { serverWithOwner } from './fixtures';
export { TestClock } from './test-clock';
export { startPushEndpoint, type PushEndpoint, type ReceivedPush, type TestPushSubscription } from './push-endpoint';
export { startMailCatcher, sendMail, type CaughtMail, type MailCatcher } from './mail-catcher';
