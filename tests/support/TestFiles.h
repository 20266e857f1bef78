#pragma once

#include <QString>
#include <QStringList>

// Searches files the way someone looking for a leaked secret would.
namespace TestFiles {

// Every file below dir (hidden ones too) whose bytes contain text in UTF-8.
QStringList containing(const QString &dir, const QString &text);

} // namespace TestFiles
