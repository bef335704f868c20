namespace IceFarm.Client.Evaluation;

/// <summary>An evaluation the farm accepted and the run still waits for.</summary>
internal sealed record InFlightEvaluation(int Index, string Serial, int Attempt);
