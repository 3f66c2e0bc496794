// OpenPlay for a web game: one object that signs the player in with Firebase Auth and reaches
// every part of OpenPlay as them.
import { getApps, initializeApp, type FirebaseApp } from "firebase/app";
import {
  browserSessionPersistence,
  connectAuthEmulator,
  getAuth,
  onIdTokenChanged,
  setPersistence,
  signInAnonymously,
  updateProfile,
  type Auth,
} from "firebase/auth";
import { connectFirestoreEmulator, getFirestore, type Firestore } from "firebase/firestore";
import { Api } from "./api";
import { Events, Matches, Rooms } from "./games";
import { Inbox } from "./inbox";
import { RealTimeRoom, type RoomConfig } from "./realtime/room";

export interface OpenPlayConfig {
  /**
   * Where the API answers: "" for the page's own origin (the dev server), or the API Gateway's
   * URL, whose application must allow the page's origin (cors.allowedOrigins).
   */
  apiBase: string;
  /** The Firebase project (GOOGLE_CLOUD_PROJECT; demo-openplay locally). */
  projectId: string;
  /** The Firebase web API key (any string against the emulators). */
  apiKey?: string;
  /** host:port of the Auth emulator, locally. */
  authEmulatorHost?: string;
  /** host:port of the Firestore emulator, locally. */
  firestoreEmulatorHost?: string;
}

export class OpenPlay {
  readonly app: FirebaseApp;
  readonly auth: Auth;
  readonly db: Firestore;
  readonly api: Api;
  readonly rooms: Rooms;
  readonly matches: Matches;
  readonly events: Events;
  private inboxStream?: Inbox;

  constructor(config: OpenPlayConfig) {
    // The Firebase app's name is where Auth keeps the signed-in player, so it must be the same on
    // every load of the page for the player to stay signed in across reloads; a second OpenPlay
    // of the same project in the page shares the first one's app, its player and its emulators.
    const name = `openplay-${config.projectId}`;
    const existing = getApps().find((a) => a.name === name);
    this.app = existing ??
      initializeApp({ apiKey: config.apiKey ?? "openplay-local", projectId: config.projectId, authDomain: `${config.projectId}.firebaseapp.com` }, name);
    this.auth = getAuth(this.app);
    this.db = getFirestore(this.app);
    if (!existing) this.useEmulators(config); // a shared app is connected already
    this.api = new Api(config.apiBase, () => this.token());
    // Auth refreshes the ID token before its hour ends; the API keeps the newest for a call made
    // as the page goes away, which cannot wait for one (Api.send).
    onIdTokenChanged(this.auth, (user) => void user?.getIdToken().then((t) => this.api.rememberToken(t), () => undefined));
    this.rooms = new Rooms(this.api);
    this.matches = new Matches(this.api);
    this.events = new Events(this.api);
  }

  private useEmulators(config: OpenPlayConfig): void {
    if (config.authEmulatorHost) connectAuthEmulator(this.auth, `http://${config.authEmulatorHost}`, { disableWarnings: true });
    if (config.firestoreEmulatorHost) {
      const [host, port] = config.firestoreEmulatorHost.split(":");
      connectFirestoreEmulator(this.db, host, Number(port));
    }
  }

  /** The signed-in player's ID (their Firebase uid), or undefined. */
  get playerId(): string | undefined {
    return this.auth.currentUser?.uid;
  }

  /**
   * Signs in. Each browser tab is its own player (session persistence), kept across reloads (a
   * duplicated tab copies the session, so it starts as the same player).
   * Without a current player, it signs in anonymously with displayName; a game with its own
   * sign-in (Play Games, Game Center, e-mail) signs in through this.auth instead.
   */
  async signIn(displayName: string): Promise<string> {
    await setPersistence(this.auth, browserSessionPersistence);
    await this.auth.authStateReady();
    if (!this.auth.currentUser) {
      const { user } = await signInAnonymously(this.auth);
      await updateProfile(user, { displayName });
      await user.getIdToken(true); // the new token carries the name OpenPlay shows
    }
    return this.auth.currentUser!.uid;
  }

  /** The player's notifications as they arrive (see Inbox). */
  get inbox(): Inbox {
    this.inboxStream ??= new Inbox(this.db, this.requirePlayer());
    return this.inboxStream;
  }

  /** Creates a real-time room and connects its players as they join. */
  createRoom(config: RoomConfig): Promise<RealTimeRoom> {
    return RealTimeRoom.create(this.roomContext(), config);
  }

  /** Accepts an invitation to a real-time room and connects to its players. */
  joinRoom(roomId: string, config: Pick<RoomConfig, "listener" | "connectTimeoutMs">): Promise<RealTimeRoom> {
    return RealTimeRoom.join(this.roomContext(), roomId, config);
  }

  private roomContext() {
    return { api: this.api, rooms: this.rooms, db: this.db, inbox: this.inbox, playerId: this.requirePlayer() };
  }

  private requirePlayer(): string {
    const id = this.playerId;
    if (!id) throw new Error("openplay: sign in first");
    return id;
  }

  private async token(): Promise<string> {
    const user = this.auth.currentUser;
    if (!user) throw new Error("openplay: sign in first");
    return user.getIdToken();
  }
}
