import { DESKTOP, axeFile } from './pages.js';

/**
 * Every page of the route table in English (left to right) on a desktop's screen, 1280 px wide; the
 * pages whose turn it is in French or Spanish (each page is checked in one of the other four
 * languages; the sibling file takes the other two, on a phone's screen); the states the route table
 * does not reach, in all three languages.
 */
axeFile('en', ['fr', 'es'], DESKTOP);
