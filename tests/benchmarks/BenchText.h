#pragma once

#include "core/domain/Timestamp.h"

#include <QByteArray>
#include <QLocale>
#include <QString>

// Values as the figures write them.
namespace BenchText {

// A whole number with thousands separators, for titles and notes: "1,000,000".
inline QString number(double value)
{
    return QLocale(QLocale::English).toString(value, 'f', 0);
}

// Now, as the raw engine stores a timestamp.
inline QByteArray sqlNow()
{
    return Timestamp::toSql(Timestamp::now()).toUtf8();
}

} // namespace BenchText
