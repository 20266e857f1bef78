#pragma once

#include <QByteArrayView>
#include <QString>

#include <initializer_list>
#include <optional>

class QIODevice;

// SHA-256 from libcrypto, which uses the processor's SHA instructions where it has them: it hashes
// an audit event or an import file much faster than QCryptographicHash.
namespace Sha256 {

// Lower-case hex of the SHA-256 of the parts, one after the other.
QString hex(std::initializer_list<QByteArrayView> parts);
// Lower-case hex of the SHA-256 of what device gives until its end; nothing when reading failed.
std::optional<QString> hex(QIODevice &device);

} // namespace Sha256
