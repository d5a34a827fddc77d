/** JSON body parsing for admin routes: small bodies only (accounts, logins). */
import express from 'express';

/** Parses JSON bodies up to 64 KiB; anything else leaves the body undefined and validation names it. */
export const jsonBody = express.json({ limit: '64kb' });
