// The subset of Adaptive Card 1.5 JSON that Lingyan emits, typed so renderers cannot drift from the schema.
// Kept free of SDK imports: these are plain JSON shapes.

export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const CARD_VERSION = '1.5';
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** Teams' practical card limit (the whole message may be ~100 KB; cards should stay under 28 KB). */
export const MAX_CARD_BYTES = 28 * 1024;

export type TextColor = 'Default' | 'Accent' | 'Good' | 'Warning' | 'Attention';

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  weight?: 'Default' | 'Bolder';
  size?: 'Small' | 'Default' | 'Medium' | 'Large';
  color?: TextColor;
  isSubtle?: boolean;
  style?: 'default' | 'heading';
  spacing?: 'None' | 'Small' | 'Medium' | 'Large';
  id?: string;
  isVisible?: boolean;
}

export interface FactSet {
  type: 'FactSet';
  facts: Array<{ title: string; value: string }>;
}

export interface ImageElement {
  type: 'Image';
  url: string;
  altText: string;
  size?: 'Auto' | 'Stretch' | 'Small' | 'Medium' | 'Large';
}

export interface Container {
  type: 'Container';
  items: CardElement[];
  separator?: boolean;
  spacing?: 'None' | 'Small' | 'Medium' | 'Large';
  id?: string;
  isVisible?: boolean;
  style?: 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
}

interface InputBase {
  id: string;
  label?: string;
  isRequired?: boolean;
  errorMessage?: string;
}

export interface NumberInput extends InputBase {
  type: 'Input.Number';
  min?: number;
  max?: number;
  value?: number;
  placeholder?: string;
}

export interface TextInput extends InputBase {
  type: 'Input.Text';
  value?: string;
  placeholder?: string;
  isMultiline?: boolean;
  maxLength?: number;
  regex?: string;
}

export interface DateInput extends InputBase {
  type: 'Input.Date';
  value?: string;
}

export interface ToggleInput extends InputBase {
  type: 'Input.Toggle';
  title: string;
  value?: string;
  valueOn?: string;
  valueOff?: string;
}

export interface ChoiceSetInput extends InputBase {
  type: 'Input.ChoiceSet';
  choices: Array<{ title: string; value: string }>;
  style?: 'compact' | 'expanded';
  value?: string;
  placeholder?: string;
}

export type InputElement = NumberInput | TextInput | DateInput | ToggleInput | ChoiceSetInput;
export type CardElement = TextBlock | FactSet | ImageElement | Container | InputElement;

/** Data carried by Lingyan's actions; Teams merges input values into it on submit. */
export interface ActionData {
  [key: string]: string | undefined;
}

export interface ExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data?: ActionData;
  style?: 'default' | 'positive' | 'destructive';
  associatedInputs?: 'auto' | 'none';
}

export interface ShowCardAction {
  type: 'Action.ShowCard';
  title: string;
  card: { type: 'AdaptiveCard'; body: CardElement[] };
}

export type CardAction = ExecuteAction | ShowCardAction;

export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  body: CardElement[];
  actions?: CardAction[];
  /** Teams-specific: use the full message width. */
  msteams?: { width: 'Full' };
}

export function cardBytes(card: AdaptiveCardJson): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

export function newCard(body: CardElement[], actions: CardAction[] = []): AdaptiveCardJson {
  const card: AdaptiveCardJson = { type: 'AdaptiveCard', $schema: CARD_SCHEMA, version: CARD_VERSION, body };
  if (actions.length > 0) card.actions = actions;
  card.msteams = { width: 'Full' };
  return card;
}
