#include "ui/main/ReadStandbySetting.h"

#include "core/db/ConnectionSpec.h"

#include <QSettings>

namespace {

const QString Group = QStringLiteral("readStandby");

QString key(const QString &location)
{
    // Settings keys take no slashes: the location goes in as one percent-encoded word.
    return Group + QLatin1Char('/') + QString::fromLatin1(location.toUtf8().toPercentEncoding());
}

} // namespace

QString ReadStandbySetting::forDatabase(const QString &location)
{
    return QSettings().value(key(location)).toString();
}

void ReadStandbySetting::set(const QString &location, const QString &url)
{
    const auto spec = ConnectionSpec::parse(url.trimmed());
    if (url.trimmed().isEmpty() || !spec)
        QSettings().remove(key(location));
    else
        QSettings().setValue(key(location), spec->toUrl(false));
}
