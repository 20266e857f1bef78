#pragma once

#include "core/csv/CsvFormat.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

class QWidget;

// Where to save a CSV export and for whom: "CSV for Excel" (the locale's separator, a
// semicolon where the decimal separator is a comma, and a UTF-8 byte order mark, so that a
// double click opens it right) or plain comma-separated CSV for scripts. Excel's is offered
// first where the locale writes decimal commas. Tests answer through FileDialog::setNextFileName
// (and get the locale's default format).
class CsvSaveDialog final
{
    Q_DECLARE_TR_FUNCTIONS(CsvSaveDialog)

public:
    struct Choice
    {
        QString fileName;
        CsvFormat format;
    };

    // Nothing when the person cancels.
    static std::optional<Choice> ask(QWidget *parent, const QString &caption, const QString &suggestedName,
                                     const QString &purpose);
    // The format offered first in this locale.
    static CsvFormat defaultFormat(const QLocale &locale);
};
