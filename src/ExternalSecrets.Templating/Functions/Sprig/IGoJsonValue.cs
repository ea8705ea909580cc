using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>A Go value with a <c>MarshalJSON</c> method (time.Time, *semver.Version): its JSON text.</summary>
internal interface IGoJsonValue
{
    GoString MarshalJson();
}
