import java.lang.reflect.*;
import java.nio.file.*;
public class DumpSdpa {
    public static void main(String[] a) throws Exception {
        Class<?> sdpa = Class.forName("org.elusive.model.Sdpa", false, DumpSdpa.class.getClassLoader());
        Field f = sdpa.getDeclaredField("SOURCE"); f.setAccessible(true);
        String src = (String) f.get(null);
        Class<?> ar = Class.forName("org.elusive.model.TorchScriptArchive");
        Method w = ar.getDeclaredMethod("write", String.class, String.class); w.setAccessible(true);
        Files.write(Path.of(a[0]), (byte[]) w.invoke(null, "Sdpa", src));
    }
}
