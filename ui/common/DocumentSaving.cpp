#include "ui/common/DocumentSaving.h"

#include "ui/common/CsvSaveDialog.h"
#include "ui/common/FileDialog.h"
#include "ui/common/InlineMessage.h"

#include <QCoreApplication>
#include <QDir>

namespace {

void report(InlineMessage *message, const Status &written, const QString &failed, const QString &saved,
            const QString &fileName)
{
    if (!written)
        message->showMessage(InlineMessage::Kind::Error, failed.arg(written.error().message));
    else
        message->showMessage(InlineMessage::Kind::Info, saved.arg(QDir::toNativeSeparators(fileName)));
}

} // namespace

namespace DocumentSaving {

void savePdf(QWidget *parent, InlineMessage *message, const Texts &texts,
             const std::function<Status(const QString &fileName)> &write)
{
    const QString fileName = FileDialog::getSaveFileName(
        parent, texts.caption, texts.suggestedName, QCoreApplication::translate("DocumentSaving", "PDF files (*.pdf)"),
        texts.settingsKey);
    if (fileName.isEmpty())
        return;
    report(message, write(fileName), QCoreApplication::translate("DocumentSaving", "The PDF could not be written: %1"),
           texts.saved, fileName);
}

void saveCsv(QWidget *parent, InlineMessage *message, const Texts &texts,
             const std::function<Status(const QString &fileName, const CsvFormat &format)> &write)
{
    const auto choice = CsvSaveDialog::ask(parent, texts.caption, texts.suggestedName, texts.settingsKey);
    if (!choice)
        return;
    report(message, write(choice->fileName, choice->format),
           QCoreApplication::translate("DocumentSaving", "The CSV file could not be written: %1"), texts.saved,
           choice->fileName);
}

} // namespace DocumentSaving
