#pragma once

#include "core/audit/AuditReport.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLineEdit;

// Asks what an audit report covers: the user, the first and last day (each may be left open),
// and PDF or CSV. The days are local days, as everywhere in the window.
class AuditReportDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class Format { Pdf, Csv };

    explicit AuditReportDialog(QWidget *parent = nullptr);

    void setUserId(const QString &userId);
    // since/until in UTC: the start of the first day, and the start of the day after the last.
    AuditReportRequest request() const;
    Format format() const;
    // "pdf" or "csv".
    QString suffix() const;

    // The parts, for tests.
    QLineEdit *userEdit() const { return m_user; }
    QCheckBox *sinceCheck() const { return m_sinceCheck; }
    QDateEdit *sinceEdit() const { return m_since; }
    QCheckBox *untilCheck() const { return m_untilCheck; }
    QDateEdit *untilEdit() const { return m_until; }
    QComboBox *formatBox() const { return m_format; }

private:
    void updateButtons();

    QLineEdit *m_user;
    QCheckBox *m_sinceCheck;
    QDateEdit *m_since;
    QCheckBox *m_untilCheck;
    QDateEdit *m_until;
    QComboBox *m_format;
    QDialogButtonBox *m_buttons;
};
