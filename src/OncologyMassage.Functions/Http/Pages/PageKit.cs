using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace OncologyMassage.Functions.Http.Pages;

/// <summary>
/// The building blocks of the client's and clinicians' pages: one accessible layout (labels tied to inputs, fieldsets,
/// errors next to their field and announced, visible focus, readable on a phone, no scripts) and encoded values only.
/// </summary>
internal static class PageKit
{
    public static readonly HtmlEncoder E = HtmlEncoder.Default;

    private const string Style = """
        body{font:17px/1.5 system-ui,sans-serif;max-width:44rem;margin:1.5rem auto;padding:0 1rem;color:#1b1b1b;background:#fff}
        h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:1.75rem}fieldset{border:1px solid #767676;border-radius:6px;margin:1rem 0;padding:.75rem 1rem}
        legend{font-weight:600;padding:0 .25rem}label{display:block;margin:.5rem 0 .15rem}.check{display:flex;gap:.5rem;align-items:flex-start;margin:.4rem 0}
        .check input{margin-top:.35rem;width:1.15rem;height:1.15rem}input[type=text],input[type=date],input[type=number],input[type=email],input[type=tel],select,textarea{font:inherit;padding:.4rem;border:1px solid #767676;border-radius:4px;max-width:100%;box-sizing:border-box}
        input[type=text],input[type=email],input[type=tel],textarea{width:100%}textarea{min-height:4.5rem}
        .error{color:#a00000;font-weight:600;margin:.2rem 0}[aria-invalid=true]{border:2px solid #a00000}.hint,.muted{color:#505050}.urgent{border:3px solid #a00000;padding:.75rem;font-weight:600}
        button{font:inherit;padding:.6rem 1.4rem;border:0;border-radius:6px;background:#005a9e;color:#fff;cursor:pointer;margin:.5rem 0}
        a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #ffbf47;outline-offset:1px}
        table{border-collapse:collapse;width:100%}td,th{border:1px solid #b1b4b6;padding:.3rem .5rem;text-align:left;vertical-align:top}
        .row{display:flex;flex-wrap:wrap;gap:0 1rem}.row>div{flex:1 1 10rem}.doc{white-space:pre-wrap;border-left:4px solid #b1b4b6;padding-left:1rem}
        """;

    public static string Page(string title, string body) => $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex"><title>{E.Encode(title)}</title><style>{Style}</style></head>
        <body><main>{body}</main></body></html>
        """;

    public static string Message(string title, string text) => Page(title, $"<h1>{E.Encode(title)}</h1><p>{E.Encode(text)}</p>");

    /// <summary>The error summary at the top of a form, each message linking to its field.</summary>
    public static string ErrorSummary(IReadOnlyDictionary<string, string[]> errors)
    {
        if (errors.Count == 0)
        {
            return "";
        }

        var html = new StringBuilder("<div role=\"alert\" class=\"error\" tabindex=\"-1\"><p>Please correct the following:</p><ul>");
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"#{E.Encode(field)}\">{E.Encode(message)}</a></li>");
            }
        }

        return html.Append("</ul></div>").ToString();
    }

    /// <summary>The field's own error, right by it, and the attributes that tie it to the input.</summary>
    public static (bool Invalid, string Message) ErrorOf(string name, IReadOnlyDictionary<string, string[]> errors) =>
        errors.TryGetValue(name, out var messages) && messages.Length > 0
            ? (true, $"<p class=\"error\" id=\"{name}-error\">{E.Encode(string.Join(" ", messages))}</p>")
            : (false, "");

    /// <summary>A group's error (a fieldset or row), shown at its top.</summary>
    public static string GroupError(string name, IReadOnlyDictionary<string, string[]> errors) => ErrorOf(name, errors).Message;

    private static string Described(string name, string? hint, bool invalid)
    {
        var ids = string.Join(' ', new[] { hint is null ? null : name + "-hint", invalid ? name + "-error" : null }.OfType<string>());
        return (invalid ? " aria-invalid=\"true\"" : "") + (ids.Length == 0 ? "" : $" aria-describedby=\"{ids}\"");
    }

    public static string Text(string name, string label, string? value, IReadOnlyDictionary<string, string[]> errors, string type = "text", string? hint = null, bool required = false)
    {
        var (invalid, message) = ErrorOf(name, errors);
        return $"<label for=\"{name}\">{E.Encode(label)}</label>{Hint(name, hint)}{message}<input type=\"{type}\" id=\"{name}\" name=\"{name}\" value=\"{E.Encode(value ?? "")}\"{(required ? " required" : "")}{Described(name, hint, invalid)}>";
    }

    public static string Area(string name, string label, string? value, IReadOnlyDictionary<string, string[]> errors, string? hint = null)
    {
        var (invalid, message) = ErrorOf(name, errors);
        return $"<label for=\"{name}\">{E.Encode(label)}</label>{Hint(name, hint)}{message}<textarea id=\"{name}\" name=\"{name}\"{Described(name, hint, invalid)}>{E.Encode(value ?? "")}</textarea>";
    }

    public static string Check(string name, string value, string label, bool isChecked, string? id = null)
    {
        id ??= name;
        return $"<div class=\"check\"><input type=\"checkbox\" id=\"{E.Encode(id)}\" name=\"{name}\" value=\"{E.Encode(value)}\"{(isChecked ? " checked" : "")}><label for=\"{E.Encode(id)}\">{E.Encode(label)}</label></div>";
    }

    public static string Select(string name, string label, string? current, IEnumerable<(string Value, string Text)> options, IReadOnlyDictionary<string, string[]> errors)
    {
        var (invalid, message) = ErrorOf(name, errors);
        var html = new StringBuilder($"<label for=\"{name}\">{E.Encode(label)}</label>{message}<select id=\"{name}\" name=\"{name}\"{Described(name, null, invalid)}>");
        foreach (var (value, text) in options)
        {
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{E.Encode(value)}\"{(value == (current ?? "") ? " selected" : "")}>{E.Encode(text)}</option>");
        }

        return html.Append("</select>").ToString();
    }

    /// <summary>A 0–10 rating, blank meaning "not answered" (never 0).</summary>
    public static string Rating(string name, string label, string? current, IReadOnlyDictionary<string, string[]> errors) =>
        Select(name, label, current, [("", "Not answered"), .. Enumerable.Range(0, 11).Select(i => (i.ToString(CultureInfo.InvariantCulture),
            i switch { 0 => "0 (none)", 10 => "10 (worst)", _ => i.ToString(CultureInfo.InvariantCulture) }))], errors);

    public static (string Value, string Text)[] Sides { get; } = [("", "—"), ("left", "Left"), ("right", "Right"), ("both", "Both")];

    private static string Hint(string name, string? hint) => hint is null ? "" : $"<p class=\"hint\" id=\"{name}-hint\">{E.Encode(hint)}</p>";
}
