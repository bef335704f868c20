namespace IceFarm.Faults.Tests;

/// <summary>One board as <c>GET /faults/boards</c> shows it: what is armed and what fired.</summary>
internal sealed record BoardFaultState(string Serial, string Mode, IReadOnlyList<string> Armed, IReadOnlyList<string> Fired);
