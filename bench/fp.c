/* fp.c - floating-point benchmark in double: an n-body simulation (the
 * five-planet system), a dense matrix multiply and a Mandelbrot set.
 * Prints results at a precision every IEEE double implementation agrees
 * on (no fused multiply-add on either side: -ffp-contract=off). */
#include <stdio.h>
#include <math.h>

#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS 365.24

struct body { double x, y, z, vx, vy, vz, m; };

static struct body b[5] = {
    {0, 0, 0, 0, 0, 0, SOLAR_MASS},
    {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
     1.66007664274403694e-03 * DAYS, 7.69901118419740425e-03 * DAYS, -6.90460016972063023e-05 * DAYS,
     9.54791938424326609e-04 * SOLAR_MASS},
    {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
     -2.76742510726862411e-03 * DAYS, 4.99852801234917238e-03 * DAYS, 2.30417297573763929e-05 * DAYS,
     2.85885980666130812e-04 * SOLAR_MASS},
    {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
     2.96460137564761618e-03 * DAYS, 2.37847173959480950e-03 * DAYS, -2.96589568540237556e-05 * DAYS,
     4.36624404335156298e-05 * SOLAR_MASS},
    {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
     2.68067772490389322e-03 * DAYS, 1.62824170038242295e-03 * DAYS, -9.51592254519715870e-05 * DAYS,
     5.15138902046611451e-05 * SOLAR_MASS},
};

static double energy(void)
{
    double e = 0;
    int i, j;
    for (i = 0; i < 5; i++) {
        e += 0.5 * b[i].m * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
        for (j = i + 1; j < 5; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
            e -= b[i].m * b[j].m / sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

static void advance(double dt)
{
    int i, j;
    for (i = 0; i < 5; i++)
        for (j = i + 1; j < 5; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
            double d2 = dx * dx + dy * dy + dz * dz, mag = dt / (d2 * sqrt(d2));
            b[i].vx -= dx * b[j].m * mag; b[i].vy -= dy * b[j].m * mag; b[i].vz -= dz * b[j].m * mag;
            b[j].vx += dx * b[i].m * mag; b[j].vy += dy * b[i].m * mag; b[j].vz += dz * b[i].m * mag;
        }
    for (i = 0; i < 5; i++) {
        b[i].x += dt * b[i].vx; b[i].y += dt * b[i].vy; b[i].z += dt * b[i].vz;
    }
}

enum { MN = 160 };
static double A[MN][MN], B[MN][MN], C[MN][MN];

int main(void)
{
    int i, j, k, n, inside = 0;
    double px = 0, py = 0, pz = 0, e0, trace = 0;
    for (i = 0; i < 5; i++) { px += b[i].vx * b[i].m; py += b[i].vy * b[i].m; pz += b[i].vz * b[i].m; }
    b[0].vx = -px / SOLAR_MASS; b[0].vy = -py / SOLAR_MASS; b[0].vz = -pz / SOLAR_MASS;
    e0 = energy();
    for (n = 0; n < 4000000; n++) advance(0.01);
    printf("nbody %.9f %.9f\n", e0, energy());

    for (i = 0; i < MN; i++)
        for (j = 0; j < MN; j++) { A[i][j] = (i * 7 + j * 3) % 17 / 8.0 - 1; B[i][j] = (i + 2 * j) % 13 / 4.0; }
    for (n = 0; n < 12; n++) {
        for (i = 0; i < MN; i++)
            for (j = 0; j < MN; j++) {
                double s = 0;
                for (k = 0; k < MN; k++) s += A[i][k] * B[k][j];
                C[i][j] = s;
            }
        A[n][n] += C[MN - 1 - n][n] / 1000;
    }
    for (i = 0; i < MN; i++) trace += C[i][i];
    printf("matmul trace %.6f\n", trace);

    for (j = 0; j < 300; j++)
        for (i = 0; i < 400; i++) {
            double cr = -2.0 + i * 3.0 / 400, ci = -1.2 + j * 2.4 / 300, zr = 0, zi = 0;
            for (k = 0; k < 200 && zr * zr + zi * zi < 4; k++) {
                double t = zr * zr - zi * zi + cr;
                zi = 2 * zr * zi + ci;
                zr = t;
            }
            inside += k == 200;
        }
    printf("mandelbrot inside %d\n", inside);
    return 0;
}
