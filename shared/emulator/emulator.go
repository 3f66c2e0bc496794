// Package emulator prepares the local emulators for the dev server, the load generator and
// tests: it signs players up in the Auth emulator, and creates the Pub/Sub topics and the push
// subscriptions that, in production, the deployment and Cloud Functions' Pub/Sub triggers
// provide (and the pull subscriptions through which the dev server hands messages to its
// consumers).
package emulator
