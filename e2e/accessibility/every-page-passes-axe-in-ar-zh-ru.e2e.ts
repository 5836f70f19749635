import { PHONE, axeFile } from './pages.js';

/**
 * Every page of the route table in Arabic (right to left) on a phone's screen, 390 px wide, where
 * tables scroll and menus fold; the pages whose turn it is in Chinese or Russian (each page is
 * checked in one of the other four languages; the sibling file takes the other two, on a desktop's
 * screen); the states the route table does not reach, in all three languages.
 */
axeFile('ar', ['zh', 'ru'], PHONE);
