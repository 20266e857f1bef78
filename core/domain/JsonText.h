#pragma once

#include <QJsonObject>
#include <QLatin1StringView>
#include <QString>
#include <QVarLengthArray>

#include <utility>

// Compact JSON text of one object, as the audit log keeps snapshots. compact() writes any
// QJsonObject; a JsonText is written field by field, for the bulk paths that snapshot a million
// rows, where building a QJsonObject for each row costs more than writing the row. Both write
// the keys in the same sorted order, so the text is the same either way.
class JsonText final
{
public:
    static QString compact(const QJsonObject &object);
    // A JSON string literal: value quoted and escaped as QJsonDocument writes it.
    static QString string(const QString &value);

    JsonText &add(QLatin1StringView key, const QString &value);
    JsonText &add(QLatin1StringView key, qint64 value);
    JsonText &addNull(QLatin1StringView key);
    // objectText: JSON text already written (an object of its own).
    JsonText &addJson(QLatin1StringView key, const QString &objectText);
    QString text() const;

private:
    QVarLengthArray<std::pair<QLatin1StringView, QString>, 12> m_fields;
};
