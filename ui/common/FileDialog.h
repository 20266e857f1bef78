#pragma once

#include <QString>

class QWidget;

// File choosers with a hook for tests: setNextFileName() answers the next call without a dialog.
// The folder last used is remembered per purpose.
class FileDialog final
{
public:
    static QString getSaveFileName(QWidget *parent, const QString &caption, const QString &suggestedName,
                                   const QString &filter, const QString &purpose);
    static QString getOpenFileName(QWidget *parent, const QString &caption, const QString &filter,
                                   const QString &purpose);
    static void setNextFileName(const QString &fileName);
};
