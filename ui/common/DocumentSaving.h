#pragma once

#include "core/csv/CsvFormat.h"
#include "core/domain/Result.h"

#include <QString>

#include <functional>

class InlineMessage;
class QWidget;

// Saving a document a window shows (a statement, the controls report) as PDF or CSV: asks for the
// file (FileDialog, CsvSaveDialog, remembering the folder under settingsKey), writes it, and says
// in the window's message line what happened: "Saved the statement to …" or why it failed.
namespace DocumentSaving {

struct Texts
{
    QString caption; // "Save Statement as PDF"
    QString suggestedName; // "statement-ada-20261206.pdf"
    QString settingsKey; // where the last folder is remembered
    QString saved; // "Saved the statement to %1."
};

void savePdf(QWidget *parent, InlineMessage *message, const Texts &texts,
             const std::function<Status(const QString &fileName)> &write);
void saveCsv(QWidget *parent, InlineMessage *message, const Texts &texts,
             const std::function<Status(const QString &fileName, const CsvFormat &format)> &write);

} // namespace DocumentSaving
