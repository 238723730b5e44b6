namespace OncologyMassage.Pages.Layout;

/// <summary>
/// The one style sheet of every page, inlined in a &lt;style&gt; element (the pages' CSP allows inline styles and nothing
/// else: no scripts, no external files). Readable on a phone: one column, large touch targets, visible focus.
/// </summary>
internal static class PageStyles
{
    public const string Css = """
        body{font:17px/1.5 system-ui,sans-serif;max-width:46rem;margin:1.5rem auto;padding:0 1rem;color:#1b1b1b;background:#fff}
        h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:1.75rem}fieldset{border:1px solid #767676;border-radius:6px;margin:1rem 0;padding:.75rem 1rem}
        legend{font-weight:600;padding:0 .25rem}label{display:block;margin:.5rem 0 .15rem}.check{display:flex;gap:.5rem;align-items:flex-start;margin:.4rem 0}
        .check input{margin-top:.35rem;width:1.15rem;height:1.15rem}.check label{margin:0}
        input[type=text],input[type=date],input[type=number],input[type=email],input[type=tel],select,textarea{font:inherit;padding:.4rem;border:1px solid #767676;border-radius:4px;max-width:100%;box-sizing:border-box}
        input[type=text],input[type=email],input[type=tel],textarea{width:100%}textarea{min-height:4.5rem}
        .error{color:#a00000;font-weight:600;margin:.2rem 0}[aria-invalid=true]{border:2px solid #a00000}.hint,.muted{color:#505050}.urgent{border:3px solid #a00000;padding:.75rem;font-weight:600}.hold{color:#a00000}
        button{font:inherit;padding:.6rem 1.4rem;border:0;border-radius:6px;background:#005a9e;color:#fff;cursor:pointer;margin:.5rem 0}
        a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #ffbf47;outline-offset:1px}
        table{border-collapse:collapse;width:100%}td,th{border:1px solid #b1b4b6;padding:.3rem .5rem;text-align:left;vertical-align:top}
        .row{display:flex;flex-wrap:wrap;gap:0 1rem}.row>div{flex:1 1 10rem;min-width:0}.row select{width:100%}.row>p{width:100%;margin:.75rem 0 0}.doc{white-space:pre-wrap;border-left:4px solid #b1b4b6;padding-left:1rem}
        .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:0 1rem}
        """;
}
