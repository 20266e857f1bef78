#include "ui/common/CsvSaveDialog.h"

#include "ui/common/FileDialog.h"

#include <QLocale>
#include <QStringList>

CsvFormat CsvSaveDialog::defaultFormat(const QLocale &locale)
{
    const CsvFormat excel = CsvFormat::forExcel(locale);
    return excel.separator == CsvSeparator::Comma ? CsvFormat::plain() : excel;
}

std::optional<CsvSaveDialog::Choice> CsvSaveDialog::ask(QWidget *parent, const QString &caption,
                                                        const QString &suggestedName, const QString &purpose)
{
    const QLocale locale;
    const CsvFormat excel = CsvFormat::forExcel(locale);
    const QString excelFilter = excel.separator == CsvSeparator::Semicolon
        ? tr("CSV for Excel, separated by semicolons, UTF-8 with BOM (*.csv)")
        : tr("CSV for Excel, UTF-8 with BOM (*.csv)");
    const QString plainFilter = tr("CSV, separated by commas (*.csv)");
    const QString allFilter = tr("All files (*)");
    QString selected = defaultFormat(locale) == excel ? excelFilter : plainFilter;
    const QString fileName = FileDialog::getSaveFileName(
        parent, caption, suggestedName, QStringList{excelFilter, plainFilter, allFilter}.join(QStringLiteral(";;")),
        purpose, &selected);
    if (fileName.isEmpty())
        return std::nullopt;
    return Choice{fileName,
                  selected == excelFilter       ? excel
                      : selected == plainFilter ? CsvFormat::plain()
                                                : defaultFormat(locale)};
}
