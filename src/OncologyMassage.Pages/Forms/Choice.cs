namespace OncologyMassage.Pages.Forms;

/// <summary>One option of a drop-down or a group: the value posted and the words shown.</summary>
public sealed record Choice(string Value, string Text);
