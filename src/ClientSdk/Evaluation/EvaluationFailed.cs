namespace IceFarm.Client.Evaluation;

/// <summary>Why an evaluation produced no value.</summary>
/// <param name="Category">Whose fault it is.</param>
/// <param name="Reason">What happened, in words.</param>
public sealed record EvaluationFailed(FailureCategory Category, string Reason)
{
    internal static FailureCategory ParseCategory(string? category) => category switch
    {
        "user" => FailureCategory.User,
        "device" => FailureCategory.Device,
        _ => FailureCategory.Infrastructure,
    };
}
