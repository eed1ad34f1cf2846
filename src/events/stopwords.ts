// Function words that say nothing about which happening a post is about, in the folded forms
// text/normalize produces (lower case; Arabic-script letters unified). Content-word overlap
// ignores them; everything else is weighted by how rare it is in the window.
import { normalize } from '../text/normalize.js';

const LISTS = [
  // English
  'the and for that with this from have has had was were are been being not but his her its their they them she him who whom which what when where while will would shall should can could may might must said says say also into onto over under about after before than then there here such only just more most some any each other our your you all one two new very',
  'rt via amp http https www com org read full report says according',
  // French
  'les des une dans par pour sur avec aux est sont ont été qui que quoi dont cette ces son ses leur leurs mais plus pas comme selon entre apres avant tout tous nous vous ils elles lui elle',
  // Arabic
  'في من علي الي ان انه انها عن مع هذا هذه ذلك تلك التي الذي الذين كان كانت يكون لم لن لا ما هو هي هم قد كل بعد قبل حتي او ثم بين عند منذ اي غير هناك ايضا وقد وهو وهي وفي ومن وعلي وان',
  // Persian
  'در به از که این آن با را برای تا بر هم یا اما اگر نیز شد شده است بود خود او آنها ما شما می ها های',
  // Urdu
  'کے کی کا میں سے کو نے پر اور یہ وہ ہے ہیں تھا تھے کہ بھی جو ایک',
];

export const STOPWORDS: ReadonlySet<string> = new Set(
  normalize(LISTS.join(' '))
    .split(/\s+/)
    .filter((w) => w.length > 0),
);
