#pragma once

#include "core/import/ImportReport.h"

#include <QWizardPage>

class FieldNote;
class QButtonGroup;
class QLabel;
class QLineEdit;
class QPushButton;

// Step 1: what to import (legacy totals from a file or from UserProfile, or adjustments) and
// from which file, with the columns that file must have.
class ImportChoosePage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportChoosePage(QWidget *parent = nullptr);

    ImportKind kind() const;
    void setKind(ImportKind kind);
    QString filePath() const;
    void setFilePath(const QString &path);

    bool isComplete() const override;
    bool validatePage() override;
    int nextId() const override;

private:
    void browse();
    void refresh();
    QString fileProblem() const; // why the file cannot be imported; empty when it can

    QButtonGroup *m_kinds;
    QLabel *m_explanation;
    QLabel *m_columns;
    QLabel *m_fileLabel;
    QLineEdit *m_file;
    QPushButton *m_browse;
    FieldNote *m_fileNote;
};
