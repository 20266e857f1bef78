#pragma once

#include <QString>

class QWidget;

// File choosers with a hook for tests: setNextFileName() answers the next call without a dialog.
// The folder last used is remembered per purpose.
class FileDialog final
{
public:
    // selectedFilter, when given, holds the filter shown first and receives the one chosen.
    static QString getSaveFileName(QWidget *parent, const QString &caption, const QString &suggestedName,
                                   const QString &filter, const QString &purpose, QString *selectedFilter = nullptr);
    static QString getOpenFileName(QWidget *parent, const QString &caption, const QString &filter,
                                   const QString &purpose);
    static void setNextFileName(const QString &fileName);
};
