namespace IceFarm.AdminApi.Panel.Live;

/// <summary>What the page shows after an action: one sentence, good or bad. The script shows the sentence only.</summary>
internal sealed record PanelActionOutcome(bool Ok, string Message);
