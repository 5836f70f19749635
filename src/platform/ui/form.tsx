import type { PageContext } from '../http/page.js';
import type { FieldError, FormState } from '../forms/validate.js';
import { direction, isLocale } from '../i18n/locales.js';

/**
 * The id of a field's control; the error summary links to it. `scope` names the form when a page has
 * two forms with the same field (the sign-in page's two e-mail fields): each form's ids then differ.
 */
export const fieldId = (name: string, scope?: string) => `f-${scope ? `${scope}-` : ''}${name}`.replace(/[^A-Za-z0-9_-]/g, '-');

/** The base of a field's ids: its scope (its form's), then its own base or name. */
const idsOf = (props: { name: string; idBase?: string; scope?: string }) => (props.scope ? `${props.scope}-${props.idBase ?? props.name}` : (props.idBase ?? props.name));

function errorFor(form: FormState | undefined, name: string): FieldError | undefined {
  return form?.errors.find((e) => e.field === name);
}

function valueOf(form: FormState | undefined, name: string): string {
  const v = form?.values[name];
  return v === undefined || v === null ? '' : Array.isArray(v) ? String(v[0] ?? '') : String(v);
}

function valuesOf(form: FormState | undefined, name: string): string[] {
  const v = form?.values[name];
  return v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
}

export function errorMessage(c: PageContext, e: FieldError): string {
  return c.t(e.key, e.values);
}

/**
 * "There is a problem": above the h1, focused by the enhancement script, each error linking to
 * its field. `labels` names the fields so each line says which one is wrong.
 */
export function ErrorSummary({ c, errors, labels, scope }: { c: PageContext; errors: FieldError[]; labels?: Record<string, string>; scope?: string }) {
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" data-error-summary>
      <h2 id="error-summary-title" safe>
        {c.t('form.problem')}
      </h2>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={`#${fieldId(e.field, scope)}`} safe>
              {labels?.[e.field] ? c.t('form.labelled', { label: labels[e.field]!, value: errorMessage(c, e) }) : errorMessage(c, e)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  c: PageContext;
  name: string;
  /** For several forms with the same field on one page: the base of the ids (default: the name). */
  idBase?: string;
  /** The form's own prefix of the ids, when the page has another form with the same fields (give the page's error summary the same scope). */
  scope?: string;
  label: string;
  hint?: string;
  form?: FormState;
  required?: boolean;
}

function Hint({ name, hint }: { name: string; hint?: string }) {
  return hint ? (
    <p class="hint" id={`${fieldId(name)}-hint`} safe>
      {hint}
    </p>
  ) : (
    ''
  );
}

/** A field's error message, linked from the error summary (for controls a page lays out itself). */
export function ErrorText({ c, name, error }: { c: PageContext; name: string; error?: FieldError }) {
  return error ? (
    <p class="field-error" id={`${fieldId(name)}-error`}>
      <span class="visually-hidden" safe>
        {c.t('form.errorPrefix')}
      </span>{' '}
      <span safe>{errorMessage(c, error)}</span>
    </p>
  ) : (
    ''
  );
}

/** The frame of a single-control field: label, hint and error message, then the control. */
function LabelledField(props: { c: PageContext; name: string; label: string; hint?: string; error?: FieldError; children: JSX.Element }) {
  const { c, name, error } = props;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={fieldId(name)} safe>
        {props.label}
      </label>
      <Hint name={name} hint={props.hint} />
      <ErrorText c={c} name={name} error={error} />
      {props.children as 'safe'}
    </div>
  );
}

function describedBy(name: string, hint?: string, error?: FieldError): string | undefined {
  const ids = [hint ? `${fieldId(name)}-hint` : '', error ? `${fieldId(name)}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function TextInput(
  props: FieldProps & {
    type?: 'text' | 'email' | 'password' | 'number' | 'tel' | 'url' | 'date' | 'datetime-local' | 'color' | 'search';
    autocomplete?: string;
    inputmode?: string;
    spellcheck?: boolean;
    width?: 'short' | 'medium' | 'full';
    maxlength?: number;
    /** For text in another language than the page's (a translation). */
    lang?: string;
    dir?: 'ltr' | 'rtl';
  },
) {
  const { c, name, label, hint, form } = props;
  const ids = idsOf(props);
  const error = errorFor(form, name);
  const type = props.type ?? 'text';
  return (
    <LabelledField c={c} name={ids} label={label} hint={hint} error={error}>
      <input
        id={fieldId(ids)}
        name={name}
        type={type}
        value={type === 'password' ? '' : valueOf(form, name)}
        class={`input ${props.width ?? 'medium'}`}
        lang={props.lang}
        dir={props.dir}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        spellcheck={props.spellcheck === undefined ? undefined : String(props.spellcheck)}
        maxlength={props.maxlength ? String(props.maxlength) : undefined}
        required={props.required}
        aria-describedby={describedBy(ids, hint, error)}
        aria-invalid={error ? 'true' : undefined}
      />
    </LabelledField>
  );
}

export function DateInput(props: FieldProps) {
  return <TextInput {...props} type="date" width="short" />;
}

/** A text area; `lang`/`dir` for text in another language than the page's (a translation), `code` for Markdown (a fixed-width font). */
export function Textarea(props: FieldProps & { rows?: number; maxlength?: number; lang?: string; dir?: 'ltr' | 'rtl'; code?: boolean }) {
  const { c, name, label, hint, form } = props;
  const ids = idsOf(props);
  const error = errorFor(form, name);
  return (
    <LabelledField c={c} name={ids} label={label} hint={hint} error={error}>
      <textarea
        id={fieldId(ids)}
        name={name}
        rows={String(props.rows ?? 5)}
        class={props.code ? 'input full code' : 'input full'}
        lang={props.lang}
        dir={props.dir}
        maxlength={props.maxlength ? String(props.maxlength) : undefined}
        required={props.required}
        aria-describedby={describedBy(ids, hint, error)}
        aria-invalid={error ? 'true' : undefined}
        safe
      >
        {valueOf(form, name)}
      </textarea>
    </LabelledField>
  );
}

export interface Option {
  value: string;
  label: string;
  hint?: string;
  /** The label's language, when it is not the page's (a text not translated yet). */
  lang?: string;
}

export function Select(props: FieldProps & { options: Option[]; placeholder?: string; multiple?: boolean; size?: number }) {
  const { c, name, label, hint, form } = props;
  const ids = idsOf(props);
  const error = errorFor(form, name);
  const chosen = new Set(props.multiple ? valuesOf(form, name) : [valueOf(form, name)]);
  return (
    <LabelledField c={c} name={ids} label={label} hint={hint} error={error}>
      <select
        id={fieldId(ids)}
        name={name}
        class={props.multiple ? 'input full' : 'input'}
        // A boolean, written as the bare attribute HTML asks for (the typings of @kitajs/html want a string here).
        multiple={props.multiple as unknown as string | undefined}
        size={props.size ? String(props.size) : undefined}
        required={props.required}
        aria-describedby={describedBy(ids, hint, error)}
        aria-invalid={error ? 'true' : undefined}
      >
        {props.placeholder !== undefined ? (
          <option value="" safe>
            {props.placeholder}
          </option>
        ) : (
          ''
        )}
        {props.options.map((o) => (
          <option value={o.value} selected={chosen.has(o.value)} lang={o.lang} safe>
            {o.label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}

function Choices(props: FieldProps & { options: Option[]; multiple: boolean; inline?: boolean }) {
  const { c, name, label, hint, form } = props;
  const ids = idsOf(props);
  const error = errorFor(form, name);
  const chosen = new Set(valuesOf(form, name));
  const type = props.multiple ? 'checkbox' : 'radio';
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <fieldset aria-describedby={describedBy(ids, hint, error)}>
        <legend safe>{label}</legend>
        <Hint name={ids} hint={hint} />
        <ErrorText c={c} name={ids} error={error} />
        <div class={props.inline ? 'choices inline' : 'choices'}>
          {props.options.map((o, i) => {
            const id = i === 0 ? fieldId(ids) : `${fieldId(ids)}-${i + 1}`;
            // Not `${id}-hint`: the first option's id is the field's, and the field's own hint has that id.
            const hintId = `${id}-option-hint`;
            return (
              <div class="choice">
                <input
                  id={id}
                  type={type}
                  name={name}
                  value={o.value}
                  checked={chosen.has(o.value)}
                  aria-describedby={o.hint ? hintId : undefined}
                />
                <label for={id} lang={o.lang} dir={o.lang && isLocale(o.lang) && direction(o.lang) !== c.dir ? direction(o.lang) : undefined} safe>
                  {o.label}
                </label>
                {o.hint ? (
                  <p class="hint" id={hintId} safe>
                    {o.hint}
                  </p>
                ) : (
                  ''
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function Radios(props: FieldProps & { options: Option[]; inline?: boolean }) {
  return <Choices {...props} multiple={false} />;
}

export function Checkboxes(props: FieldProps & { options: Option[] }) {
  return <Choices {...props} multiple={true} />;
}

export function FileUpload(props: FieldProps & { accept?: string }) {
  const { c, name, label, hint, form } = props;
  const ids = idsOf(props);
  const error = errorFor(form, name);
  return (
    <LabelledField c={c} name={ids} label={label} hint={hint} error={error}>
      <input
        id={fieldId(ids)}
        name={name}
        type="file"
        class="input"
        accept={props.accept}
        aria-describedby={describedBy(ids, hint, error)}
        aria-invalid={error ? 'true' : undefined}
      />
    </LabelledField>
  );
}

export function Button(props: { label: string; variant?: 'primary' | 'secondary' | 'warning'; name?: string; value?: string }) {
  return (
    <button type="submit" class={`button ${props.variant ?? 'primary'}`} name={props.name} value={props.value} safe>
      {props.label}
    </button>
  );
}

/** A form that carries its CSRF token and double-submit key. GET forms (filters) carry neither. */
export function Form(props: {
  c: PageContext;
  action: string;
  method?: 'get' | 'post';
  multipart?: boolean;
  class?: string;
  label?: string;
  children?: JSX.Element | JSX.Element[] | string;
}) {
  const method = props.method ?? 'post';
  return (
    <form
      method={method}
      action={props.action}
      enctype={props.multipart ? 'multipart/form-data' : undefined}
      class={props.class}
      aria-label={props.label}
      novalidate
    >
      {method === 'post' ? (
        <>
          <input type="hidden" name="_csrf" value={props.c.csrf()} />
          <input type="hidden" name="_once" value={props.c.once()} />
        </>
      ) : (
        ''
      )}
      {props.children as 'safe'}
    </form>
  );
}
